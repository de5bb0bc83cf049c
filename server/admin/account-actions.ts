// What an administrator does to accounts, shared by the HTTP endpoints (http/admin-api.ts) and
// `npm run admin` (admin-cli.ts): each action is one store transaction.
import { randomBytes } from 'node:crypto';
import type { AdminAction, ManagedUser } from '../../protocol/contract.js';
import { nameKey } from '../../protocol/schemas.js';
import type { PasswordHasher } from '../accounts/hashing-queue.js';
import type { AccountUpdate, Store } from '../store/store.js';

/** A one-time password the administrator hands over: 96 random bits, 16 URL-safe characters. */
export function oneTimePassword(): string {
  return randomBytes(12).toString('base64url');
}

export type ActionOutcome =
  { kind: 'updated'; user: ManagedUser; password?: string } | Exclude<AccountUpdate, { kind: 'updated' }>;

export interface AccountActionDeps {
  store: Store;
  passwords: PasswordHasher;
  now: () => number;
}

/** Creates a member with a one-time password; null when the name is taken or looks like one that is. */
export async function createAccount(
  { store, passwords, now }: AccountActionDeps,
  name: string,
): Promise<{ user: ManagedUser; password: string } | null> {
  const password = oneTimePassword();
  const created = await store.createUser(name, nameKey(name), await passwords.hash(password), now());
  if (!created) return null;
  const user = await store.getAccount(created.id);
  return user && { user, password };
}

export async function applyAction(
  { store, passwords, now }: AccountActionDeps,
  id: number,
  action: AdminAction,
): Promise<ActionOutcome> {
  switch (action) {
    case 'deactivate':
      return store.setAccountState(id, 'deactivated', now());
    case 'reactivate':
      return store.setAccountState(id, 'active', now());
    case 'promote':
      return store.setRole(id, 'admin');
    case 'demote':
      return store.setRole(id, 'member');
    case 'reset-password': {
      const password = oneTimePassword();
      const outcome = await store.resetPassword(id, await passwords.hash(password), now());
      return outcome.kind === 'updated' ? { ...outcome, password } : outcome;
    }
  }
}

/** Does this action end the user's sessions (so their sockets must go)? */
export function endsSessions(action: AdminAction): boolean {
  return action === 'deactivate' || action === 'reset-password';
}
