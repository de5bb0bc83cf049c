// What a signed-in user does to their own account: read it, change the password or the name,
// list and end their sessions, and delete the account. The caller is always the token's user.
import type { AccountInfo, AccountSettings, SessionInfo, UserUpdate } from '../../protocol/contract.js';
import { ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';
import { nameKey } from '../../protocol/schemas.js';
import type { Store, StoredSession } from '../store/store.js';
import type { Session } from './accounts.js';
import { invalidToken, nameTaken } from './accounts.js';
import type { PasswordHasher } from './hashing-queue.js';
import { RenameLimit } from './rename-limit.js';

/** What peers see of a deleted account. */
export const deletedUserName = 'Deleted user';

export interface SelfServiceDeps {
  store: Store;
  passwords: PasswordHasher;
  now: () => number;
  /** Disconnects every socket of these sessions (on every node). */
  endSessions: (tokenHashes: string[]) => void;
  /** The account was deleted (the chat service stops taking it as a peer). */
  deleted: (userId: number) => void;
  /** Tells the user's sockets and every peer's (accounts/user-updates.ts). */
  announce: (update: UserUpdate) => Promise<void>;
}

export class SelfService {
  private readonly renameLimit: RenameLimit;

  constructor(private readonly deps: SelfServiceDeps) {
    this.renameLimit = new RenameLimit(deps.now);
  }

  async account({ user }: Session): Promise<AccountInfo> {
    const account = await this.deps.store.credentialsOf(user.id);
    if (!account) throw invalidToken();
    const info: AccountInfo = {
      id: account.id,
      name: account.name,
      role: account.role,
      readReceipts: account.readReceipts,
    };
    if (account.avatar !== undefined) info.avatar = account.avatar;
    return info;
  }

  /** PUT /api/account/settings: the settings every device of the user shares. */
  async saveSettings({ user }: Session, settings: AccountSettings): Promise<AccountSettings> {
    if (!(await this.deps.store.setReadReceipts(user.id, settings.readReceipts))) throw invalidToken();
    return { readReceipts: settings.readReceipts };
  }

  /** Every other session ends; this one stays. */
  async changePassword(session: Session, current: string, password: string): Promise<void> {
    await this.checkPassword(session, current);
    const hash = await this.deps.passwords.hash(password);
    this.deps.endSessions(await this.deps.store.changePassword(session.user.id, hash, session.tokenHash));
  }

  async rename(session: Session, name: string): Promise<AccountInfo> {
    const account = await this.account(session);
    if (name === account.name) return account;
    this.renameLimit.take(session.user.id);
    const outcome = await this.deps.store.rename(session.user.id, name, nameKey(name));
    if (outcome === 'gone') throw invalidToken();
    if (outcome === 'taken') throw nameTaken();
    // An update without `avatar` means "none": the current one goes along.
    await this.deps.announce(
      account.avatar === undefined ? { id: account.id, name } : { id: account.id, name, avatar: account.avatar },
    );
    return { ...account, name };
  }

  async deleteAccount(session: Session, password: string): Promise<void> {
    await this.checkPassword(session, password);
    const ended = await this.deps.store.deleteAccount(session.user.id, deletedUserName, this.deps.now());
    if (!ended) {
      if ((await this.deps.store.credentialsOf(session.user.id))?.role === 'admin') {
        throw new ProtocolError(
          'conflict',
          'You are the only administrator of this server; make someone else an administrator first.',
        );
      }
      throw invalidToken();
    }
    this.deps.deleted(session.user.id);
    this.deps.endSessions(ended);
    await this.deps.announce({ id: session.user.id, name: deletedUserName, deleted: true });
  }

  async sessions({ user, sessionId }: Session): Promise<SessionInfo[]> {
    const sessions = await this.deps.store.listSessions(user.id, limits.maxSessionsPerUser);
    return sessions.map((session) => sessionInfo(session, sessionId));
  }

  async endSession({ user }: Session, sessionId: string): Promise<void> {
    const tokenHash = await this.deps.store.endSession(user.id, sessionId);
    if (tokenHash === null) throw new ProtocolError('not_found', 'You have no session with that id.');
    this.deps.endSessions([tokenHash]);
  }

  async endOtherSessions(session: Session): Promise<number> {
    const ended = await this.deps.store.endOtherSessions(session.user.id, session.tokenHash);
    this.deps.endSessions(ended);
    return ended.length;
  }

  /** 403, not 401: a wrong password does not end the session. */
  private async checkPassword({ user }: Session, password: string): Promise<void> {
    const account = await this.deps.store.credentialsOf(user.id);
    if (!account) throw invalidToken();
    if (!(await this.deps.passwords.verify(password, account.passwordHash)))
      throw ProtocolError.about('password', 'forbidden', 'That password is wrong.');
  }
}

/** A stored session as the wire shows it; `current` marks the caller's own. */
export function sessionInfo({ id, device, createdAt, lastUsedAt }: StoredSession, currentId?: string): SessionInfo {
  return { id, device, createdAt, lastSeenAt: lastUsedAt, ...(id === currentId ? { current: true } : {}) };
}
