// Invite codes: random, shown once to whoever makes them; the store keeps only their hash.
import type { Store } from '../store/store.js';
import { hashToken, newToken } from './tokens.js';

export interface InviteTerms {
  /** How many accounts the code creates (default 1). */
  uses?: number;
  /** Milliseconds since the epoch after which it is refused; none: it never expires. */
  expiresAt?: number;
  createdBy?: number;
  now: number;
}

/** Stores a new invite and returns its code. */
export async function createInvite(store: Store, terms: InviteTerms): Promise<string> {
  const code = newToken();
  await store.createInvite({
    codeHash: hashToken(code),
    uses: terms.uses ?? 1,
    expiresAt: terms.expiresAt ?? null,
    createdBy: terms.createdBy ?? null,
    now: terms.now,
  });
  return code;
}
