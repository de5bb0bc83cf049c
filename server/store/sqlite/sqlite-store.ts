// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a resolved
// write has been fsynced. All calls go through GroupCommit, which keeps them in order and
// shares one commit among the calls that arrive together.
import path from 'node:path';
import { nameSkeleton } from '../../accounts/name-skeleton.js';
import Database from 'better-sqlite3';
import type { AccountState, Chat, HistoryPage, InviteInfo, Message } from '../../../protocol/contract.js';
import {
  InviteRefused,
  type ActedOn,
  type ActionOutcome,
  type NewAction,
  type NewForward,
  type Account,
  type AccountChange,
  type AccountUpdate,
  type Admission,
  type Role,
  type NewInvite,
  type NewUser,
  type HistoryQuery,
  type ListedUser,
  type LoginRecord,
  type FoundSession,
  type NewMessage,
  type NewSession,
  type StoredAvatar,
  type StoredFile,
  type StoredSession,
  type Credentials,
  type OpenOutcome,
  type RecordChange,
  type ReadOutcome,
  type SendJudgement,
  type SendOutcome,
  type Store,
  type StoredUser,
} from '../store.js';
import { SqliteFiles } from './files.js';
import { SqliteRecordState } from './record-state.js';
import { account, updateAccount } from './account-updates.js';
import { SqliteMessages } from './message-writes.js';
import { SqliteSearch } from './search.js';
import { GroupCommit } from './group-commit.js';
import { BackgroundCheckpoints } from './wal-checkpoints.js';
import { migrate } from './migrations.js';
import { keepDatabasePrivate } from './private-data.js';
import {
  aroundReads,
  historyStatement,
  toAroundPage,
  toAccount,
  toAccountChange,
  toChat,
  toHistoryPage,
  toInvite,
  toListedUser,
  toLogin,
  type AccountChangeRow,
  type AccountRow,
  type InviteRow,
  type ChatRow,
  type LoginRow,
  type MessageRow,
  type UserRow,
} from '../sql/rows.js';
import {
  hashes,
  isUniqueViolation,
  releasedKey,
  toCredentials,
  toFoundSession,
  toStoredSession,
  type CredentialsRow,
  type SessionRow,
  type StoredSessionRow,
} from '../sql/session-rows.js';
import { sql } from './statements.js';
import { prepareAll } from './prepare.js';

export const databaseFileName = 'messenger.sqlite';

class NameTaken extends Error {}

type Statements = { [K in keyof typeof sql]: Database.Statement };

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly q: Statements;
  private readonly commits: GroupCommit;
  /** Copies the write-ahead log back into the database file off the event loop. */
  readonly checkpoints: BackgroundCheckpoints;
  private readonly names = new Map<number, string>();
  private readonly files: SqliteFiles;
  private readonly records: SqliteRecordState;
  private readonly update = (change: () => Account | null) => updateAccount(this.commits, this.q.activeAdmins, change);
  private readonly messages: SqliteMessages;
  private readonly search: SqliteSearch;

  constructor(dataDir: string) {
    const database = path.join(dataDir, databaseFileName);
    keepDatabasePrivate(dataDir, database);
    this.db = new Database(database);
    // Each call of a group commit runs in its own savepoint, whose journal keeps the pages it
    // changes again; in a temporary file that journal cost ~8 KB of write() per send.
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.q = prepareAll(this.db, sql);
    this.commits = new GroupCommit(this.db);
    this.checkpoints = new BackgroundCheckpoints(this.db, database, this.commits);
    this.files = new SqliteFiles(this.db);
    this.records = new SqliteRecordState(this.q, (owner, peer) => this.chat(owner, peer));
    this.messages = new SqliteMessages(
      this.db,
      this.files,
      (id) => this.nameOf(id),
      (from, to, rows, viewing) => this.records.afterSend(from, to, rows, viewing),
    );
    this.search = new SqliteSearch(this.db, this.commits);
  }

  async createUser(
    name: string,
    nameKey: string,
    passwordHash: string,
    now: number,
    admission: Admission = {},
  ): Promise<NewUser | null> {
    try {
      return await this.commits.run(() => {
        if (admission.inviteHash !== undefined && !this.q.useInvite.get(admission.inviteHash, now)) {
          throw new InviteRefused();
        }
        const user = this.q.insertUser.get(
          name,
          nameKey,
          nameSkeleton(nameKey),
          passwordHash,
          now,
          nameKey,
          admission.adminKey ?? '',
        ) as NewUser | undefined;
        // Thrown so that the savepoint gives the invite's use back.
        if (!user) throw new NameTaken();
        return user;
      });
    } catch (error) {
      if (error instanceof NameTaken) return null;
      throw error;
    }
  }

  promoteAdmin(nameKey: string): Promise<boolean> {
    return this.commits.run(() => this.q.promoteAdmin.run(nameKey).changes > 0);
  }

  createInvite({ codeHash, uses, expiresAt, createdBy, now }: NewInvite): Promise<void> {
    return this.commits.run(() => {
      this.q.insertInvite.run(codeHash, uses, expiresAt, createdBy, now);
    });
  }

  accounts(afterId: number, count: number): Promise<Account[]> {
    return this.commits.run(() => (this.q.accounts.all(afterId, count) as AccountRow[]).map(toAccount));
  }

  findAccount(nameKey: string): Promise<Account | null> {
    return this.commits.run(() => account(this.q.accountByKey.get(nameKey)));
  }

  getAccount(id: number): Promise<Account | null> {
    return this.commits.run(() => account(this.q.accountById.get(id)));
  }

  setAccountState(id: number, state: 'active' | 'deactivated', now: number): Promise<AccountUpdate> {
    return this.update(() => {
      const user = account(this.q.setState.get(state, id));
      if (user && state === 'deactivated') this.q.deleteUserSessions.run(id);
      if (user) this.q.insertAccountChange.run(id, now);
      return user;
    });
  }

  setRole(id: number, role: Role): Promise<AccountUpdate> {
    return this.update(() => account(this.q.setRole.get(role, id)));
  }

  resetPassword(id: number, passwordHash: string, now: number): Promise<AccountUpdate> {
    return this.update(() => {
      const user = account(this.q.setPassword.get(passwordHash, id));
      if (user) {
        this.q.deleteUserSessions.run(id);
        this.q.insertAccountChange.run(id, now);
      }
      return user;
    });
  }

  listInvites(now: number, count: number): Promise<InviteInfo[]> {
    return this.commits.run(() => (this.q.listInvites.all(now, count) as InviteRow[]).map(toInvite));
  }

  revokeInvite(id: string): Promise<boolean> {
    return this.commits.run(() => this.q.revokeInvite.run(id).changes > 0);
  }

  accountChangesAfter(afterId: number, count: number): Promise<AccountChange[]> {
    return this.commits.run(() =>
      (this.q.accountChangesAfter.all(afterId, count) as AccountChangeRow[]).map(toAccountChange),
    );
  }

  latestAccountChange(): Promise<number> {
    return this.commits.run(() => (this.q.latestAccountChange.get() as { id: number }).id);
  }

  pruneAccountChanges(before: number, count: number): Promise<number> {
    return this.commits.run(() => this.q.pruneAccountChanges.run(before, count).changes);
  }

  findLogin(nameKey: string): Promise<LoginRecord | null> {
    return this.commits.run(() => {
      const row = this.q.findLogin.get(nameKey) as LoginRow | undefined;
      return row ? toLogin(row) : null;
    });
  }

  getUser(id: number): Promise<(StoredUser & { state: AccountState }) | null> {
    return this.commits.run(
      () => (this.q.getUser.get(id) as (StoredUser & { state: AccountState }) | undefined) ?? null,
    );
  }

  listUsers(afterKey: string | null, count: number): Promise<ListedUser[]> {
    return this.commits.run(() => (this.q.listUsers.all(afterKey ?? '', count) as UserRow[]).map(toListedUser));
  }

  saveSession({ tokenHash, id, userId, device, now }: NewSession, keep: number): Promise<string[]> {
    return this.commits.run(() => {
      this.q.saveSession.run(tokenHash, userId, now, id, device, now);
      // Signing in is being seen: an administrator's list must not say "never" for someone online.
      this.q.touchUser.run(now, userId, now);
      return hashes(this.q.endLeastRecentSessions.all(userId, userId, keep));
    });
  }

  findSession(tokenHash: string, idleSince: number): Promise<FoundSession | null> {
    return this.commits.run(() => {
      const row = this.q.findSession.get(tokenHash, idleSince) as SessionRow | undefined;
      return row ? toFoundSession(row) : null;
    });
  }

  touchSession(tokenHash: string, userId: number, now: number): Promise<void> {
    return this.commits.run(() => {
      this.q.touchSession.run(now, tokenHash, now);
      this.q.touchUser.run(now, userId, now);
    });
  }

  deleteSession(tokenHash: string): Promise<boolean> {
    return this.commits.run(() => this.q.deleteSession.run(tokenHash).changes > 0);
  }

  pruneSessions(idleBefore: number, count: number): Promise<number> {
    return this.commits.run(() => this.q.pruneSessions.run(idleBefore, count).changes);
  }

  listSessions(userId: number, count: number): Promise<StoredSession[]> {
    return this.commits.run(() => (this.q.listSessions.all(userId, count) as StoredSessionRow[]).map(toStoredSession));
  }

  endSession(userId: number, sessionId: string): Promise<string | null> {
    return this.commits.run(() => hashes(this.q.endSessionById.all(userId, sessionId))[0] ?? null);
  }

  endOtherSessions(userId: number, keepTokenHash: string): Promise<string[]> {
    return this.commits.run(() => hashes(this.q.endOtherSessions.all(userId, keepTokenHash)));
  }

  credentialsOf(userId: number): Promise<Credentials | null> {
    return this.commits.run(() => {
      const row = this.q.credentialsOf.get(userId) as CredentialsRow | undefined;
      return row ? toCredentials(row) : null;
    });
  }

  changePassword(userId: number, passwordHash: string, keepTokenHash: string): Promise<string[]> {
    return this.commits.run(() => {
      this.q.changePassword.run(passwordHash, userId);
      return hashes(this.q.endOtherSessions.all(userId, keepTokenHash));
    });
  }

  async rename(userId: number, name: string, nameKey: string): Promise<'renamed' | 'taken' | 'gone'> {
    const skeleton = nameSkeleton(nameKey);
    try {
      return await this.commits.run(() => {
        if (!this.q.credentialsOf.get(userId)) return 'gone';
        const changed = this.q.rename.run(name, skeleton, userId, userId, nameKey, skeleton, nameKey, skeleton).changes;
        if (changed === 0) return 'taken';
        this.names.delete(userId);
        return 'renamed';
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  deleteAccount(userId: number, deletedName: string, now: number): Promise<string[] | null> {
    return this.commits.run(() => {
      if (this.q.markDeleted.run(deletedName, releasedKey(userId), userId).changes === 0) return null;
      this.names.delete(userId);
      this.files.releaseOwner(userId, Date.now());
      this.q.deleteOwnChats.run(userId);
      this.q.insertAccountChange.run(userId, now);
      return hashes(this.q.endAllSessions.all(userId));
    });
  }

  peerOwners(userId: number, afterOwner: number, count: number): Promise<number[]> {
    return this.commits.run(() =>
      (this.q.peerOwners.all(userId, afterOwner, count) as Array<{ owner: number }>).map((row) => row.owner),
    );
  }

  listChats(owner: number, afterId: number, count: number): Promise<Chat[]> {
    return this.commits.run(() => {
      const rows = this.q.listChats.all(owner, afterId, count) as ChatRow[];
      return this.files.chats(rows.map(toChat), rows);
    });
  }

  openChat(owner: number, peer: number, now: number): Promise<OpenOutcome> {
    return this.commits.run(() => {
      const created = this.q.ensureChat.run(owner, peer, now).changes > 0;
      const cleared = this.q.clearUnread.run(owner, peer).changes > 0;
      return { chat: this.chat(owner, peer)!, created, cleared, ...this.records.seen(owner, peer) };
    });
  }

  readChat(owner: number, peer: number): Promise<ReadOutcome> {
    return this.commits.run(() => {
      const cleared = this.q.clearUnread.run(owner, peer).changes > 0;
      return { chat: this.chat(owner, peer), cleared, ...this.records.seen(owner, peer) };
    });
  }

  // The owner's marks and read receipts (sqlite/record-state.ts does the work).
  changeRecord = (owner: number, peer: number, change: RecordChange) =>
    this.commits.run(() => this.records.change(owner, peer, change));
  setReadReceipts = (userId: number, on: boolean) => this.commits.run(() => this.records.setReadReceipts(userId, on));

  deleteChat(owner: number, peer: number): Promise<boolean> {
    return this.commits.run(() => {
      this.files.releaseChat(owner, peer, Date.now());
      return this.q.deleteChat.run(owner, peer).changes > 0;
    });
  }

  history(owner: number, peer: number, query: HistoryQuery): Promise<HistoryPage> {
    return this.commits.run(() => {
      const chat = this.q.chatId.get(owner, peer) as { id: number } | undefined;
      if (!chat) return { messages: [], hasMore: false };
      if (query.aroundSeq !== undefined) {
        const reads = aroundReads(chat.id, query.aroundSeq, query.limit);
        const older = this.q.before.all(...reads.older.values) as MessageRow[];
        const newer = this.q.after.all(...reads.newer.values) as MessageRow[];
        const page = toAroundPage(reads, older, newer);
        return { ...page, messages: this.files.messages(page.messages, [...older, ...newer]) };
      }
      const { name, values } = historyStatement(chat.id, query);
      const rows = this.q[name].all(...values) as MessageRow[];
      const page = toHistoryPage(rows, query);
      return { ...page, messages: this.files.messages(page.messages, rows) };
    });
  }

  findSent(from: number, clientId: string): Promise<Message | null> {
    return this.commits.run(() => {
      const row = this.q.findSent.get(from, clientId) as MessageRow | undefined;
      return row ? this.messages.sent(row) : null;
    });
  }

  sendMessage = (message: NewMessage, judge: SendJudgement): Promise<SendOutcome> => {
    const outcome = this.commits.run(() => this.messages.send(message, judge));
    // The group commit runs its calls in the order they were queued.
    judge.queued?.();
    return outcome;
  };
  forwardMessage = (forward: NewForward, judge: SendJudgement & { check(source: ActedOn): void }) =>
    this.commits.run(() => this.messages.forward(forward, judge));
  actOnMessage = (action: NewAction, check: (target: ActedOn) => void): Promise<ActionOutcome> =>
    this.commits.run(() => this.messages.act(action, check));

  searchMessages: Store['searchMessages'] = (owner, search) => this.search.find(owner, search);
  // The files' methods, each one call in the commit queue (sqlite/files.ts does the work).
  startBlob = (blobKey: string, now: number) => this.commits.run(() => this.files.startBlob(blobKey, now));
  abandonBlob = (blobKey: string, now: number) => this.commits.run(() => this.files.abandonBlob(blobKey, now));
  createFile = (file: StoredFile) => this.commits.run(() => this.files.create(file));
  countUnattached = (uploader: number, cap: number) =>
    this.commits.run(() => this.files.countUnattached(uploader, cap));
  readableFile = (id: string, reader: number) => this.commits.run(() => this.files.readable(id, reader));
  expireUploads = (before: number, count: number) =>
    this.commits.run(() => this.files.expireUploads(before, count, Date.now()));
  trashedBlobs = (count: number) => this.commits.run(() => this.files.trashedBlobs(count));
  forgetTrashedBlobs = (blobKeys: string[]) => this.commits.run(() => this.files.forgetTrashedBlobs(blobKeys));
  setAvatar = (userId: number, avatar: StoredAvatar | null) =>
    this.commits.run(() => this.files.setAvatar(userId, avatar, Date.now()));
  findAvatar = (id: string) => this.commits.run(() => this.files.findAvatar(id));
  serverValue = (name: string) => this.commits.run(() => this.files.serverValue(name));
  claimServerValue = (name: string, value: string) => this.commits.run(() => this.files.claimServerValue(name, value));

  /** A user's name, kept once read; rename and deleteAccount forget it. */
  private nameOf(userId: number): string {
    let name = this.names.get(userId);
    if (name === undefined) {
      name = (this.q.userName.get(userId) as { name: string }).name;
      this.names.set(userId, name);
    }
    return name;
  }

  /** Transactions committed since this store was opened. */
  get commitCount(): number {
    return this.commits.commits;
  }

  async close(): Promise<void> {
    this.commits.close();
    await this.checkpoints.close();
    this.db.close();
  }

  private chat(owner: number, peer: number): Chat | null {
    const row = this.q.getChat.get(owner, peer) as ChatRow | undefined;
    return row ? this.files.chats([toChat(row)], [row])[0]! : null;
  }
}
