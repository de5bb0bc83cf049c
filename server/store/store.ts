// What the chat service needs from durable storage, implemented by SQLite (sqlite/) and
// PostgreSQL (postgres/) with the same guarantees: every method is atomic, and the calls a
// caller makes in order are carried out in that order.
import type {
  AccountState,
  Attachment,
  Chat,
  HistoryPage,
  InviteInfo,
  ManagedUser,
  Message,
  MessageAction,
} from '../../protocol/contract.js';
import type { RecordChange } from './sql/record-state.js';

export type { RecordChange };
import type { FoundRow, MessageSearch } from './sql/search-statements.js';

export interface StoredUser {
  id: number;
  name: string;
}

export type Role = 'admin' | 'member';

/** A user as registered: with the role the store gave them. */
export interface NewUser extends StoredUser {
  role: Role;
}

/** The rules a registration is admitted under, checked in the same transaction that creates the user. */
export interface Admission {
  /** Hash of the invite code that pays for this account; one of its uses is spent. */
  inviteHash?: string;
  /** Name key of the configured administrator (--admin): that user is created an admin. */
  adminKey?: string;
}

/** No usable invite: unknown, expired or used up. Nothing was written. */
export class InviteRefused extends Error {
  constructor() {
    super('invite refused');
  }
}

export interface NewInvite {
  codeHash: string;
  uses: number;
  /** Milliseconds since the epoch; null: never expires. */
  expiresAt: number | null;
  createdBy: number | null;
  now: number;
}

/** A user as the administrator's tooling lists them. */
export type Account = ManagedUser;

/** What an administrator's change to an account did. */
export type AccountUpdate =
  | { kind: 'updated'; user: Account }
  | { kind: 'unknown' }
  /** It would have left no active admin; nothing was written. */
  | { kind: 'last-admin' };

/** One row of the access-change log: that user's access changed (sessions ended, state changed). */
export interface AccountChange {
  id: number;
  userId: number;
}

/** A user as the paged directory lists them: with the name key the directory is ordered by. */
export interface ListedUser extends StoredUser {
  nameKey: string;
  /** Only active users are shown; the others are still read so a page costs O(count). */
  active: boolean;
  /** Their current avatar's id, when they have one. */
  avatar?: string;
}

export interface NewSession {
  tokenHash: string;
  /** Public id, shown in session lists; the token never is. */
  id: string;
  userId: number;
  /** The device label the client gave at login ('' when none). */
  device: string;
  now: number;
}

export interface FoundSession {
  userId: number;
  userName: string;
  sessionId: string;
  lastUsedAt: number;
}

export interface StoredSession {
  id: string;
  device: string;
  createdAt: number;
  lastUsedAt: number;
}

export interface LoginRecord {
  user: StoredUser;
  passwordHash: string;
  state: AccountState;
  role: Role;
}

export interface NewMessage {
  from: number;
  to: number;
  clientId: string;
  /** The caption when there are attachments (may be empty). */
  content: string;
  date: number;
  /** Ids of the sender's uploads to attach, in order (absent or empty: a text message). */
  attachments?: string[];
  /** The id of a message in the sender's record with `to` that this one answers (quoted). */
  replyTo?: number;
}

/** The message an action, a reply or a forward names, as the caller's record holds it. */
export interface ActedOn {
  id: number;
  sender: number;
  senderName: string;
  date: number;
  /** Its text (the caption when it has files); '' once recalled. */
  content: string;
  kind: MessageAction | null;
  recalled: boolean;
  /** Hidden in the caller's record. */
  hidden: boolean;
  attachments: number;
}

/** An action (docs/protocol.md 6.11) by `caller` on the message `target` of their record with `who`. */
export interface NewAction {
  kind: MessageAction;
  caller: number;
  who: number;
  target: number;
  clientId: string;
  date: number;
  /** With `edit`: the new text. */
  text?: string;
}

/** A record's new copy and the record as it now is. */
export interface Appended {
  chat: Chat;
  message: Message;
}

export type ActionOutcome =
  /** `peer`: absent for a hide, or when the peer's record no longer holds the message. */
  | { kind: 'stored'; caller: Appended; peer?: Appended }
  | { kind: 'duplicate'; first: Message }
  /** No such message in the caller's record (or it is an action copy): nothing was written. */
  | { kind: 'unknown-message' };

/** `message:forward`: the message `id` of `from`'s record with `source` sent anew to `to`. */
export interface NewForward {
  from: number;
  source: number;
  id: number;
  to: number;
  clientId: string;
  date: number;
}

/** A finished upload: its metadata, where its bytes are in the blob store, who uploaded it. */
export interface StoredFile extends Attachment {
  uploader: number;
  blobKey: string;
  createdAt: number;
}

/** An avatar image: `id` is what `User.avatar` carries; a new image gets a new id. */
export interface StoredAvatar {
  id: string;
  userId: number;
  blobKey: string;
  mime: string;
}

/** Decisions the service makes at the moment the message is written. */
export interface SendJudgement {
  /** Is one of the receiver's sockets viewing the pair right now? */
  receiverViewing(): boolean;
  /**
   * May this (new, non-duplicate) message be stored under the send limit? Consumes a slot. A store
   * may ask it before it knows a send is a repeat of one stored before: the slot of a send whose
   * outcome is `duplicate` is given back (admittedSend).
   */
  admit(): boolean;
  /**
   * Called once the send is queued where every later write of the store takes effect after it
   * (a store that cannot say so leaves it uncalled): the socket's next send may start.
   */
  queued?: () => void;
}

export type SendOutcome =
  | { kind: 'stored'; sender: { chat: Chat; message: Message }; receiver: { chat: Chat; message: Message } }
  /** (from, clientId) was already stored: nothing was written; `first` is the sender's first copy. */
  | { kind: 'duplicate'; first: Message }
  /** An attachment id that is not an upload of the sender, or one already attached: nothing was written. */
  | { kind: 'bad-attachment'; id: string; reason: 'unknown' | 'used' }
  /** The replied-to or forwarded message is not in the sender's record: nothing was written. */
  | { kind: 'unknown-message'; id: number }
  | { kind: 'refused' };

export interface OpenOutcome {
  chat: Chat;
  created: boolean;
  /** `unread` went from above 0 to 0, or the unread mark was cleared. */
  cleared: boolean;
  /** The peer's record, when its `peerReadId` moved (read receipts, docs/protocol.md 6.12). */
  seen?: Chat;
}

export interface ReadOutcome {
  chat: Chat | null;
  cleared: boolean;
  seen?: Chat;
}

/** An active user as they sign in: with their role, password hash, avatar and account settings. */
export type Credentials = NewUser & { passwordHash: string; avatar?: string; readReceipts: boolean };

export interface HistoryQuery {
  beforeSeq?: number;
  afterSeq?: number;
  /** Up to `limit` copies centred on this seq (itself included). */
  aroundSeq?: number;
  limit: number;
}

export interface Store {
  /**
   * Null when the name key is taken, or a name that looks the same (accounts/name-skeleton.ts).
   * The first user of an empty store, or the one named by `admission.adminKey`, is an admin.
   * With `admission.inviteHash`, spends one use of that invite or throws InviteRefused; the
   * invite and the user are written together or not at all.
   */
  createUser(
    name: string,
    nameKey: string,
    passwordHash: string,
    now: number,
    admission?: Admission,
  ): Promise<NewUser | null>;
  /** Makes that user an admin; false when there is no such user. */
  promoteAdmin(nameKey: string): Promise<boolean>;
  createInvite(invite: NewInvite): Promise<void>;
  /** At most `count` users (not deleted) with an id above `afterId`, lowest id first; O(count). */
  accounts(afterId: number, count: number): Promise<Account[]>;
  findAccount(nameKey: string): Promise<Account | null>;
  getAccount(id: number): Promise<Account | null>;
  /**
   * Deactivates (ending every session of the user) or reactivates; logs an access change. Refuses
   * to deactivate the last active admin.
   */
  setAccountState(id: number, state: 'active' | 'deactivated', now: number): Promise<AccountUpdate>;
  /** Refuses to demote the last active admin; the check is in the same transaction. */
  setRole(id: number, role: Role): Promise<AccountUpdate>;
  /** A new password hash; every session of the user ends; logs an access change. */
  resetPassword(id: number, passwordHash: string, now: number): Promise<AccountUpdate>;
  /** Invites that can still be used (uses left, not expired at `now`), newest first. */
  listInvites(now: number, count: number): Promise<InviteInfo[]>;
  /** False when no invite has that public id. */
  revokeInvite(id: string): Promise<boolean>;
  /** At most `count` access changes with an id above `afterId`, lowest first. */
  accountChangesAfter(afterId: number, count: number): Promise<AccountChange[]>;
  /** The id of the newest access change, 0 when there is none. */
  latestAccountChange(): Promise<number>;
  /** Removes at most `count` access changes made before `before`; returns how many. */
  pruneAccountChanges(before: number, count: number): Promise<number>;
  findLogin(nameKey: string): Promise<LoginRecord | null>;
  getUser(id: number): Promise<(StoredUser & { state: AccountState }) | null>;
  /**
   * At most `count` users whose name key comes after `afterKey` (from the first when null), in
   * name-key order compared code point by code point; costs O(count) through an index.
   */
  listUsers(afterKey: string | null, count: number): Promise<ListedUser[]>;

  /**
   * Saves the session and, in the same transaction, ends the user's least recently used sessions
   * beyond `keep`; returns the token hashes of those it ended (their sockets are disconnected).
   */
  saveSession(session: NewSession, keep: number): Promise<string[]>;
  /** The session, when it was used at or after `idleSince` and its user is active. */
  findSession(tokenHash: string, idleSince: number): Promise<FoundSession | null>;
  /** Records a use of the session and a sighting of its user at `now` (never moves them back). */
  touchSession(tokenHash: string, userId: number, now: number): Promise<void>;
  /** False when no such session existed. */
  deleteSession(tokenHash: string): Promise<boolean>;
  /** Deletes at most `count` sessions last used before `idleBefore`; returns how many. */
  pruneSessions(idleBefore: number, count: number): Promise<number>;
  /** At most `count` of the user's sessions, most recently used first. */
  listSessions(userId: number, count: number): Promise<StoredSession[]>;
  /** Ends the user's session with that public id; its token hash, or null when the user has none such. */
  endSession(userId: number, sessionId: string): Promise<string | null>;
  /** Ends every session of the user but `keepTokenHash`; returns the token hashes ended. */
  endOtherSessions(userId: number, keepTokenHash: string): Promise<string[]>;

  /** An active user with their role, password hash and current avatar; null when there is none such. */
  credentialsOf(userId: number): Promise<Credentials | null>;
  /**
   * Turns the user's read receipts on or off; off also forgets every `peerReadId` of records they
   * own or are the peer of. False when the user is not active.
   */
  setReadReceipts(userId: number, on: boolean): Promise<boolean>;
  /** Sets the password and ends every other session in one transaction; returns their token hashes. */
  changePassword(userId: number, passwordHash: string, keepTokenHash: string): Promise<string[]>;
  /**
   * Changes the displayed name (the name key stays): 'taken' when the new name's key or skeleton
   * is another user's key or skeleton; nothing is written then.
   */
  rename(userId: number, name: string, nameKey: string): Promise<'renamed' | 'taken' | 'gone'>;
  /**
   * In one transaction: the user becomes 'deleted' named `deletedName` with the name released,
   * their sessions and their own chat records go, and an access change is logged (other nodes
   * forget the user). Null when the user was not active; else the
   * token hashes of the sessions ended.
   */
  deleteAccount(userId: number, deletedName: string, now: number): Promise<string[] | null>;
  /** At most `count` owners above `afterOwner` of chat records whose peer is `userId`, in id order. */
  peerOwners(userId: number, afterOwner: number, count: number): Promise<number[]>;

  /** At most `count` of the owner's records with an id above `afterId`, lowest id first; O(count). */
  listChats(owner: number, afterId: number, count: number): Promise<Chat[]>;
  openChat(owner: number, peer: number, now: number): Promise<OpenOutcome>;
  readChat(owner: number, peer: number): Promise<ReadOutcome>;
  /**
   * Pins, unpins, mutes, unmutes or marks unread the owner's record: the record as it is after,
   * with whether anything changed; null when there is no record.
   */
  changeRecord(owner: number, peer: number, change: RecordChange): Promise<{ chat: Chat; changed: boolean } | null>;
  /** False when there was no record. */
  deleteChat(owner: number, peer: number): Promise<boolean>;
  history(owner: number, peer: number, query: HistoryQuery): Promise<HistoryPage>;
  /** The sender's copy of an earlier send with this clientId, as first stored. */
  findSent(from: number, clientId: string): Promise<Message | null>;
  /**
   * Both copies or neither. The duplicate check is inside the transaction, so two sends racing
   * with one (from, clientId) store one message; what to answer a duplicate is the caller's rule.
   */
  sendMessage(message: NewMessage, judge: SendJudgement): Promise<SendOutcome>;
  /**
   * In one transaction: a repeat of (caller, clientId) answers the first; else the target is
   * looked up in the caller's record, `check` (which throws to refuse) judges it, the original
   * changes in place and the action copy is appended (recall and edit: to both records).
   */
  actOnMessage(action: NewAction, check: (target: ActedOn) => void): Promise<ActionOutcome>;
  /** As sendMessage, with the source's text and files (new file rows on the same blobs); `check` judges the source. */
  forwardMessage(forward: NewForward, judge: SendJudgement & { check(source: ActedOn): void }): Promise<SendOutcome>;
  /** messages:search: at most `limit` copies in the owner's records containing the text, newest message first. */
  searchMessages(owner: number, search: MessageSearch): Promise<FoundRow[]>;

  // Files (docs/protocol.md "Files"). A blob whose file or avatar goes is put in the trash in the
  // same transaction; the sweeper deletes its bytes from the blob store, then forgets it.
  /**
   * Records that a blob is about to be written, before its first byte goes to the blob store: a
   * blob whose file or avatar is never recorded (the write failed, the server died) is then
   * trashed by abandonBlob or, a day later, by expireUploads — never left behind for good.
   */
  startBlob(blobKey: string, now: number): Promise<void>;
  /** The started blob's write failed or its record could not be made: it goes to the trash. */
  abandonBlob(blobKey: string, now: number): Promise<void>;
  /** Records a finished upload, unattached; its blob is no longer pending. */
  createFile(file: StoredFile): Promise<void>;
  /** How many of the user's uploads are not attached yet, counting at most `cap`. */
  countUnattached(uploader: number, cap: number): Promise<number>;
  /**
   * The file, when `reader` may read it: its uploader, or the owner of a chat record holding a
   * copy that refers to it. Null otherwise, and for an unknown id.
   */
  readableFile(id: string, reader: number): Promise<StoredFile | null>;
  /**
   * Removes at most `count` uploads never attached that finished before `before`, and trashes at
   * most `count` blobs started before `before` and still pending; returns how many of both.
   */
  expireUploads(before: number, count: number): Promise<number>;
  /** At most `count` trashed blob keys, oldest first. */
  trashedBlobs(count: number): Promise<string[]>;
  /** Those blobs' bytes are gone: forget them. */
  forgetTrashedBlobs(blobKeys: string[]): Promise<void>;
  /**
   * Sets (or, with null, removes) the user's avatar; the one it replaces goes to the trash, and
   * the new one's blob is no longer pending.
   */
  setAvatar(userId: number, avatar: StoredAvatar | null): Promise<void>;
  /** The avatar with that id, if it is still some user's current one. */
  findAvatar(id: string): Promise<StoredAvatar | null>;
  /** A server-wide value kept in the store (the file-link signing key, the files folder's id). */
  serverValue(name: string): Promise<string | null>;
  /** Sets `name` to `value` unless it already has one; returns the value it has then. */
  claimServerValue(name: string, value: string): Promise<string>;

  /** Finishes what is queued, then closes. */
  close(): Promise<void>;
}
