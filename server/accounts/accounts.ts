// Register, log in, log out, and turn a token into a user. Identity comes only from here.
import { ProtocolError } from '../../protocol/errors.js';
import type { RegistrationMode } from '../../protocol/contract.js';
import { nameKey, type Credentials, type Registration } from '../../protocol/schemas.js';
import { InviteRefused, type Role, type Store, type StoredUser } from '../store/store.js';
import { scryptHasher, type PasswordHasher } from './hashing-queue.js';
import { decoyHash } from './passwords.js';
import { hashToken, newToken } from './tokens.js';

/** A new session: who signed in, and the token that now stands for them. */
export interface SignedIn {
  user: StoredUser;
  token: string;
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
}

export class Accounts {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly passwords: PasswordHasher = scryptHasher,
    private readonly rules: RegistrationRules = { mode: 'open' },
  ) {}

  async register({ name, password, invite }: Registration): Promise<SignedIn & { role: Role }> {
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
    if (!user)
      throw new ProtocolError('conflict', 'That name is taken, or looks the same as one that is; choose another.');
    return { ...(await this.startSession(user)), role: user.role };
  }

  async login({ name, password }: Credentials): Promise<SignedIn> {
    const record = await this.store.findLogin(nameKey(name));
    const matches = await this.passwords.verify(password, record?.passwordHash ?? (await decoyHash));
    if (!record || !matches) throw new ProtocolError('unauthorized', 'Wrong name or password.');
    // Told only to whoever knows the password.
    if (record.state !== 'active') {
      throw new ProtocolError('forbidden', 'This account has been deactivated by an administrator.');
    }
    return this.startSession(record.user);
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
    const userId = await this.store.findSession(tokenHash);
    const user = userId === null ? null : await this.store.getUser(userId);
    if (!user) throw invalidToken();
    return { user, tokenHash };
  }

  private async startSession(user: StoredUser): Promise<SignedIn> {
    const token = newToken();
    await this.store.saveSession(hashToken(token), user.id, this.now());
    return { user: { id: user.id, name: user.name }, token };
  }
}

function inviteRefused(): ProtocolError {
  return new ProtocolError(
    'forbidden',
    'This server takes registrations by invite: that code is unknown, expired or used up.',
  );
}

function invalidToken(): ProtocolError {
  return new ProtocolError('unauthorized', 'Sign in again: that session has ended or never existed.');
}
