// The PostgreSQL store, for several server nodes sharing one database. Every method is one
// transaction (or one statement) on a pooled connection. A caller's calls run in the order
// it makes them: the socket layer starts a socket's request once the previous one is done, or,
// for a send, once the previous send is queued in the send batches, which keep each sender's
// sends in order.
//
// sendMessage is the same dual write as SQLite's: the duplicate check, admit(), both records
// appended under row locks, the message row and both copies. A plain text send is written with
// the others that arrive meanwhile, a batch per statement in one round trip (write_sends,
// postgres/send-batches.ts); one with files or a reply quote has a transaction of its own
// (BEGIN with the sender's lock, the duplicate check, the write, COMMIT; postgres/message-writes.ts).
// Concurrent sends to one record wait on its row lock, so seqs stay gap-free; records are always
// locked in the same order (lower owner id first) so two people writing to each other cannot deadlock.
import { nameSkeleton } from '../../accounts/name-skeleton.js';
import type pg from 'pg';
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
import { statement } from './statements.js';
import { migrate } from './migrations.js';
import { Connections, type PostgresStoreOptions } from './connections.js';
import { PostgresFiles } from './files.js';
import { PostgresRecordState } from './record-state.js';
import { isPlainSend, SendBatches } from './send-batches.js';
import { PostgresMessages } from './message-writes.js';
import { PostgresSearch } from './search.js';
import { account, updateAccount } from './account-updates.js';

export type { PostgresStoreOptions };

type StoredState = StoredUser & { state: AccountState };

/** The advisory lock registrations take turns on; "msgu" in ASCII. */
const registrationLock = 0x6d736775;

class NameTaken extends Error {}

export class PostgresStore implements Store {
  private readonly files: PostgresFiles;
  private readonly records: PostgresRecordState;
  private readonly messages: PostgresMessages;
  private readonly search: PostgresSearch;
  private readonly batches: SendBatches;

  private constructor(private readonly db: Connections) {
    this.files = new PostgresFiles(db);
    this.records = new PostgresRecordState(db, (c, owner, peer) => this.chat(c, owner, peer));
    this.messages = new PostgresMessages(db, this.files, (c, from, to, rows, viewing) =>
      this.records.afterSend(c, from, to, rows, viewing),
    );
    this.search = new PostgresSearch(db);
    this.batches = new SendBatches(db, this.files);
  }

  searchMessages: Store['searchMessages'] = (owner, search) => this.search.find(owner, search);

  /** Connects, applies the migrations this database lacks, and returns the store. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    return new PostgresStore(await Connections.open(url, options, migrate));
  }

  async createUser(
    name: string,
    nameKey: string,
    passwordHash: string,
    now: number,
    admission: Admission = {},
  ): Promise<NewUser | null> {
    try {
      // Registrations take turns (they are rate-limited and wait for a password hash anyway), so
      // "the first user of an empty store" is one user even when two nodes register at once.
      return await this.db.transaction(
        async (c) => {
          if (admission.inviteHash !== undefined) {
            const { rowCount } = await c.query(statement('useInvite', [admission.inviteHash, now]));
            if (rowCount !== 1) throw new InviteRefused();
          }
          const values = [name, nameKey, nameSkeleton(nameKey), passwordHash, now, nameKey, admission.adminKey ?? ''];
          const { rows } = await c.query<NewUser>(statement('insertUser', values));
          // Thrown so that the rollback gives the invite's use back.
          if (!rows[0]) throw new NameTaken();
          return rows[0];
        },
        'READ COMMITTED',
        `SELECT pg_advisory_xact_lock(${registrationLock})`,
      );
    } catch (error) {
      if (error instanceof NameTaken) return null;
      throw error;
    }
  }

  async promoteAdmin(nameKey: string): Promise<boolean> {
    return (await this.db.run(async (c) => (await c.query(statement('promoteAdmin', [nameKey]))).rowCount)) === 1;
  }

  async createInvite({ codeHash, uses, expiresAt, createdBy, now }: NewInvite): Promise<void> {
    await this.db.query(statement('insertInvite', [codeHash, uses, expiresAt, createdBy, now]));
  }

  async accounts(afterId: number, count: number): Promise<Account[]> {
    return (await this.db.query<AccountRow>(statement('accounts', [afterId, count]))).map(toAccount);
  }

  async findAccount(nameKey: string): Promise<Account | null> {
    const [row] = await this.db.query<AccountRow>(statement('accountByKey', [nameKey]));
    return row ? toAccount(row) : null;
  }

  async getAccount(id: number): Promise<Account | null> {
    if (!Number.isSafeInteger(id) || id <= 0 || id > 2 ** 62) return null;
    const [row] = await this.db.query<AccountRow>(statement('accountById', [id]));
    return row ? toAccount(row) : null;
  }

  setAccountState(id: number, state: 'active' | 'deactivated', now: number): Promise<AccountUpdate> {
    return updateAccount(this.db, id, async (c) => {
      const user = await account(c, statement('setState', [state, id]));
      if (user && state === 'deactivated') await c.query(statement('deleteUserSessions', [id]));
      if (user) await c.query(statement('insertAccountChange', [id, now]));
      return user;
    });
  }

  setRole(id: number, role: Role): Promise<AccountUpdate> {
    return updateAccount(this.db, id, (c) => account(c, statement('setRole', [role, id])));
  }

  resetPassword(id: number, passwordHash: string, now: number): Promise<AccountUpdate> {
    return updateAccount(this.db, id, async (c) => {
      const user = await account(c, statement('setPassword', [passwordHash, id]));
      if (user) {
        await c.query(statement('deleteUserSessions', [id]));
        await c.query(statement('insertAccountChange', [id, now]));
      }
      return user;
    });
  }

  async listInvites(now: number, count: number): Promise<InviteInfo[]> {
    return (await this.db.query<InviteRow>(statement('listInvites', [now, count]))).map(toInvite);
  }

  async revokeInvite(id: string): Promise<boolean> {
    return (await this.db.run(async (c) => (await c.query(statement('revokeInvite', [id]))).rowCount)) === 1;
  }

  async accountChangesAfter(afterId: number, count: number): Promise<AccountChange[]> {
    return (await this.db.query<AccountChangeRow>(statement('accountChangesAfter', [afterId, count]))).map(
      toAccountChange,
    );
  }

  async latestAccountChange(): Promise<number> {
    return (await this.db.query<{ id: number }>(statement('latestAccountChange', [])))[0]!.id;
  }

  async pruneAccountChanges(before: number, count: number): Promise<number> {
    return (
      (await this.db.run(async (c) => (await c.query(statement('pruneAccountChanges', [before, count]))).rowCount)) ?? 0
    );
  }

  async findLogin(nameKey: string): Promise<LoginRecord | null> {
    const [row] = await this.db.query<LoginRow>(statement('findLogin', [nameKey]));
    return row ? toLogin(row) : null;
  }

  async getUser(id: number): Promise<StoredState | null> {
    if (!Number.isSafeInteger(id) || id <= 0 || id > 2 ** 62) return null;
    return (await this.db.query<StoredState>(statement('getUser', [id])))[0] ?? null;
  }

  async listUsers(afterKey: string | null, count: number): Promise<ListedUser[]> {
    return (await this.db.query<UserRow>(statement('listUsers', [afterKey ?? '', count]))).map(toListedUser);
  }

  saveSession({ tokenHash, id, userId, device, now }: NewSession, keep: number): Promise<string[]> {
    return this.db.transaction(async (c) => {
      await c.query(statement('saveSession', [tokenHash, userId, now, id, device, now]));
      // Signing in is being seen: an administrator's list must not say "never" for someone online.
      await c.query(statement('touchUser', [now, userId, now]));
      return hashes((await c.query(statement('endLeastRecentSessions', [userId, userId, keep]))).rows);
    });
  }

  async findSession(tokenHash: string, idleSince: number): Promise<FoundSession | null> {
    const [row] = await this.db.query<SessionRow>(statement('findSession', [tokenHash, idleSince]));
    return row ? toFoundSession(row) : null;
  }

  async touchSession(tokenHash: string, userId: number, now: number): Promise<void> {
    await this.db.run(async (c) => {
      await c.query(statement('touchSession', [now, tokenHash, now]));
      await c.query(statement('touchUser', [now, userId, now]));
    });
  }

  async deleteSession(tokenHash: string): Promise<boolean> {
    return (await this.db.run(async (c) => (await c.query(statement('deleteSession', [tokenHash]))).rowCount)) === 1;
  }

  async pruneSessions(idleBefore: number, count: number): Promise<number> {
    return (
      (await this.db.run(async (c) => (await c.query(statement('pruneSessions', [idleBefore, count]))).rowCount)) ?? 0
    );
  }

  async listSessions(userId: number, count: number): Promise<StoredSession[]> {
    return (await this.db.query<StoredSessionRow>(statement('listSessions', [userId, count]))).map(toStoredSession);
  }

  async endSession(userId: number, sessionId: string): Promise<string | null> {
    return hashes(await this.db.query(statement('endSessionById', [userId, sessionId])))[0] ?? null;
  }

  async endOtherSessions(userId: number, keepTokenHash: string): Promise<string[]> {
    return hashes(await this.db.query(statement('endOtherSessions', [userId, keepTokenHash])));
  }

  async credentialsOf(userId: number): Promise<Credentials | null> {
    const [row] = await this.db.query<CredentialsRow>(statement('credentialsOf', [userId]));
    return row ? toCredentials(row) : null;
  }

  changePassword(userId: number, passwordHash: string, keepTokenHash: string): Promise<string[]> {
    return this.db.transaction(async (c) => {
      await c.query(statement('changePassword', [passwordHash, userId]));
      return hashes((await c.query(statement('endOtherSessions', [userId, keepTokenHash]))).rows);
    });
  }

  async rename(userId: number, name: string, nameKey: string): Promise<'renamed' | 'taken' | 'gone'> {
    const skeleton = nameSkeleton(nameKey);
    const values = [name, skeleton, userId, userId, nameKey, skeleton, nameKey, skeleton];
    try {
      // Renames take the registrations' turn, so a name checked free is still free when written.
      return await this.db.transaction(
        async (c) => {
          if ((await c.query(statement('credentialsOf', [userId]))).rowCount !== 1) return 'gone';
          if ((await c.query(statement('rename', values))).rowCount !== 1) return 'taken';
          return 'renamed';
        },
        'READ COMMITTED',
        `SELECT pg_advisory_xact_lock(${registrationLock})`,
      );
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  deleteAccount(userId: number, deletedName: string, now: number): Promise<string[] | null> {
    return this.db.transaction(async (c) => {
      const marked = await c.query(statement('markDeleted', [deletedName, releasedKey(userId), userId]));
      if (marked.rowCount !== 1) return null;
      await this.files.releaseOwner(c, userId, Date.now());
      await c.query(statement('deleteOwnChats', [userId]));
      await c.query(statement('insertAccountChange', [userId, now]));
      return hashes((await c.query(statement('endAllSessions', [userId]))).rows);
    });
  }

  async peerOwners(userId: number, afterOwner: number, count: number): Promise<number[]> {
    const rows = await this.db.query<{ owner: number }>(statement('peerOwners', [userId, afterOwner, count]));
    return rows.map((row) => row.owner);
  }

  async listChats(owner: number, afterId: number, count: number): Promise<Chat[]> {
    return this.db.run(async (c) => {
      const { rows } = await c.query<ChatRow>(statement('listChats', [owner, afterId, count]));
      return this.files.chats(c, rows.map(toChat), rows);
    });
  }

  async openChat(owner: number, peer: number, now: number): Promise<OpenOutcome> {
    const opened = await this.db.transaction(async (c) => {
      const created = (await c.query(statement('ensureChat', [owner, peer, now]))).rowCount === 1;
      const cleared = (await c.query(statement('clearUnread', [owner, peer]))).rowCount === 1;
      return { chat: (await this.chat(c, owner, peer))!, created, cleared };
    });
    return { ...opened, ...(await this.records.seen(owner, peer)) };
  }

  async readChat(owner: number, peer: number): Promise<ReadOutcome> {
    const read = await this.db.transaction(async (c) => {
      const cleared = (await c.query(statement('clearUnread', [owner, peer]))).rowCount === 1;
      return { chat: await this.chat(c, owner, peer), cleared };
    });
    return { ...read, ...(await this.records.seen(owner, peer)) };
  }

  deleteChat(owner: number, peer: number): Promise<boolean> {
    return this.db.transaction(async (c) => {
      await this.files.releaseChat(c, owner, peer, Date.now());
      return (await c.query(statement('deleteChat', [owner, peer]))).rowCount === 1;
    });
  }

  history(owner: number, peer: number, query: HistoryQuery): Promise<HistoryPage> {
    // REPEATABLE READ: the record id and its page come from one snapshot.
    return this.db.transaction(async (c) => {
      const { rows: found } = await c.query<{ id: number }>(statement('chatId', [owner, peer]));
      if (found.length === 0) return { messages: [], hasMore: false };
      if (query.aroundSeq !== undefined) {
        const reads = aroundReads(found[0]!.id, query.aroundSeq, query.limit);
        const { rows: older } = await c.query<MessageRow>(statement(reads.older.name, reads.older.values));
        const { rows: newer } = await c.query<MessageRow>(statement(reads.newer.name, reads.newer.values));
        const page = toAroundPage(reads, older, newer);
        return { ...page, messages: await this.files.messages(c, page.messages, [...older, ...newer]) };
      }
      const { name, values } = historyStatement(found[0]!.id, query);
      const { rows } = await c.query<MessageRow>(statement(name, values));
      const page = toHistoryPage(rows, query);
      return { ...page, messages: await this.files.messages(c, page.messages, rows) };
    }, 'REPEATABLE READ READ ONLY');
  }

  findSent(from: number, clientId: string): Promise<Message | null> {
    return this.db.run((c) => this.messages.sent(c, from, clientId));
  }

  // The writes of messages (postgres/message-writes.ts does the work).
  // Plain text sends, the hot path, are written in batches (postgres/send-batches.ts).
  // A plain send lets the socket's next send start once it is queued (SendJudgement.queued), so a
  // send with files or a reply waits for the sender's batched sends before it: it comes after them.
  sendMessage = (message: NewMessage, judge: SendJudgement): Promise<SendOutcome> =>
    isPlainSend(message)
      ? this.batches.send(message, judge)
      : this.batches.settled(message.from).then(() => this.messages.send(message, judge));
  forwardMessage = (forward: NewForward, judge: SendJudgement & { check(source: ActedOn): void }) =>
    this.messages.forward(forward, judge);
  actOnMessage = (action: NewAction, check: (target: ActedOn) => void): Promise<ActionOutcome> =>
    this.messages.act(action, check);

  // The owner's marks and read receipts (postgres/record-state.ts does the work).
  changeRecord = (owner: number, peer: number, change: RecordChange) => this.records.change(owner, peer, change);
  setReadReceipts = (userId: number, on: boolean) => this.records.setReadReceipts(userId, on);

  // The files' methods (postgres/files.ts does the work).
  startBlob = (blobKey: string, now: number) => this.files.startBlob(blobKey, now);
  abandonBlob = (blobKey: string, now: number) => this.files.abandonBlob(blobKey, now);
  createFile = (file: StoredFile) => this.files.create(file);
  countUnattached = (uploader: number, cap: number) => this.files.countUnattached(uploader, cap);
  readableFile = (id: string, reader: number) => this.files.readable(id, reader);
  expireUploads = (before: number, count: number) => this.files.expireUploads(before, count, Date.now());
  trashedBlobs = (count: number) => this.files.trashedBlobs(count);
  forgetTrashedBlobs = (blobKeys: string[]) => this.files.forgetTrashedBlobs(blobKeys);
  setAvatar = (userId: number, avatar: StoredAvatar | null) => this.files.setAvatar(userId, avatar, Date.now());
  findAvatar = (id: string) => this.files.findAvatar(id);
  serverValue = (name: string) => this.files.serverValue(name);
  claimServerValue = (name: string, value: string) => this.files.claimServerValue(name, value);

  /** Transactions of batched sends committed so far (fewer than the sends under load). */
  get sendBatches(): number {
    return this.batches.batches;
  }

  /** Waits for the calls in flight and the sends queued, then closes every connection. */
  async close(): Promise<void> {
    await this.batches.drain();
    return this.db.close();
  }

  private async chat(c: pg.PoolClient, owner: number, peer: number): Promise<Chat | null> {
    const { rows } = await c.query<ChatRow>(statement('getChat', [owner, peer]));
    return rows[0] ? (await this.files.chats(c, [toChat(rows[0])], rows))[0]! : null;
  }
}
