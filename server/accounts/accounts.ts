// Register, log in, log out, and turn a token into a user. Identity comes only from here.
import { ProtocolError } from '../../protocol/errors.js';
import type { LoginRequest, RegistrationMode } from '../../protocol/contract.js';
import { limits } from '../../protocol/limits.js';
import { nameKey, type Registration } from '../../protocol/schemas.js';
import { InviteRefused, type Role, type Store, type StoredUser } from '../store/store.js';
import { scryptHasher, type PasswordHasher } from './hashing-queue.js';
import { decoyHash } from './passwords.js';
import { SessionUse } from './session-use.js';
import { hashToken, newSessionId, newToken } from './tokens.js';

/** A new session: who signed in, and the token that now stands for them. */
export interface SignedIn {
  user: StoredUser;
  token: string;
  /** Sessions the cap of limits.maxSessionsPerUser ended: their sockets are to be disconnected. */
  ended: string[];
}

/** Who may register, and who is the administrator. */
export interface RegistrationRules {
  mode: RegistrationMode;
  /** --admin: this name is made an admin when it registers. */
  adminName?: string;
}

export interface Session {
  user: StoredUser;
  tokenHash: string;
  /** The session's public id (session lists). */
  sessionId: string;
}

export class Accounts {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly passwords: PasswordHasher = scryptHasher,
    private readonly rules: RegistrationRules = { mode: 'open' },
    /** A session unused this long ends (--session-idle-days). */
    readonly sessionIdleMs: number = 90 * 24 * 60 * 60 * 1000,
  ) {}

  private readonly uses = new SessionUse();

  async register({ name, password, invite, device }: Registration): Promise<SignedIn & { role: Role }> {
    const { mode, adminName } = this.rules;
    if (mode === 'closed') {
      throw new ProtocolError(
        'forbidden',
        'This server does not take registrations; its administrator creates accounts.',
      );
    }
    if (mode === 'invite' && invite === undefined) throw inviteRefused();
    const admission = {
      ...(mode === 'invite' ? { inviteHash: hashToken(invite!) } : {}),
      ...(adminName === undefined ? {} : { adminKey: nameKey(adminName) }),
    };
    const passwordHash = await this.passwords.hash(password);
    const user = await this.store
      .createUser(name, nameKey(name), passwordHash, this.now(), admission)
      .catch((error: unknown) => {
        throw error instanceof InviteRefused ? inviteRefused() : error;
      });
    if (!user) throw nameTaken();
    return { ...(await this.startSession(user, device ?? '')), role: user.role };
  }

  async login({ name, password, device }: LoginRequest): Promise<SignedIn & { role?: Role }> {
    const record = await this.store.findLogin(nameKey(name));
    const matches = await this.passwords.verify(password, record?.passwordHash ?? (await decoyHash));
    if (!record || !matches) throw new ProtocolError('unauthorized', 'Wrong name or password.');
    // Told only to whoever knows the password.
    if (record.state !== 'active') {
      throw new ProtocolError('forbidden', 'This account has been deactivated by an administrator.');
    }
    return { ...(await this.startSession(record.user, device ?? '')), role: record.role };
  }

  /** Ends that one session; returns its token hash so its sockets can be disconnected. */
  async logout(token: string): Promise<string> {
    const tokenHash = hashToken(token);
    if (!(await this.store.deleteSession(tokenHash))) throw invalidToken();
    return tokenHash;
  }

  async authenticate(token: unknown): Promise<Session> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) throw invalidToken();
    const tokenHash = hashToken(token);
    const now = this.now();
    const found = await this.store.findSession(tokenHash, now - this.sessionIdleMs);
    if (!found) throw invalidToken();
    const user = { id: found.userId, name: found.userName };
    if (this.uses.due(tokenHash, found.lastUsedAt, now)) await this.store.touchSession(tokenHash, user.id, now);
    return { user, tokenHash, sessionId: found.sessionId };
  }

  /** Deletes the sessions idle past --session-idle-days, in bounded statements; returns how many. */
  async pruneIdleSessions(): Promise<number> {
    const before = this.now() - this.sessionIdleMs;
    let pruned = 0;
    for (;;) {
      const count = await this.store.pruneSessions(before, pruneBatch);
      pruned += count;
      if (count < pruneBatch) return pruned;
    }
  }

  /** Forgets what it noted of sessions that ended (so the note does not grow without bound). */
  forget(tokenHashes: string[]): void {
    for (const tokenHash of tokenHashes) this.uses.forget(tokenHash);
  }

  private async startSession(user: StoredUser, device: string): Promise<SignedIn> {
    const token = newToken();
    const session = { tokenHash: hashToken(token), id: newSessionId(), userId: user.id, device, now: this.now() };
    const ended = await this.store.saveSession(session, limits.maxSessionsPerUser);
    return { user: { id: user.id, name: user.name }, token, ended };
  }
}

/** Rows one pruning statement deletes at most: a long prune never holds the database for long. */
export const pruneBatch = 10_000;

function inviteRefused(): ProtocolError {
  return ProtocolError.about(
    'invite',
    'forbidden',
    'This server takes registrations by invite: that code is unknown, expired or used up.',
  );
}

export function nameTaken(): ProtocolError {
  return ProtocolError.about(
    'name',
    'conflict',
    'That name is taken, or looks the same as one that is; choose another.',
  );
}

export function invalidToken(): ProtocolError {
  return new ProtocolError('unauthorized', 'Sign in again: that session has ended or never existed.');
}
