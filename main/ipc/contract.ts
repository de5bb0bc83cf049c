// The one contract between the renderer and the main process: what `window.messenger`
// offers, and the channel names that carry it. Both shells (Electron preload, Chromium
// binding) expose exactly this; the renderer cannot tell them apart.
import {
  errorCodes,
  type AccountInfo,
  type ErrorBody,
  type AdminAction,
  type Chat,
  type InviteInfo,
  type ManagedUser,
  type ManagedUsersPage,
  type NewInviteRequest,
  type NewInviteResponse,
  type Role,
  type User,
  type UserUpdate,
} from '../../protocol/contract.js';
import { accountRequestNames, type AccountRequests } from './account-contract.js';
import { fileRequestNames, type ChatAttachment, type FileProgress, type FileRequests } from './files-contract.js';
import { messageRequestNames, type MessageRequests } from './messages-contract.js';
import {
  desktopEventNames,
  desktopRequestNames,
  type DesktopEvents,
  type DesktopFeatures,
  type DesktopRequests,
  type ServerNotice,
  type UpdateStatus,
} from './desktop-contract.js';
import type { Quote } from '../../protocol/contract.js';

export type {
  AccountInfo,
  AdminAction,
  Chat,
  InviteInfo,
  ManagedUser,
  ManagedUsersPage,
  NewInviteRequest,
  NewInviteResponse,
  Role,
  User,
} from '../../protocol/contract.js';

export type ConnectionState = 'signed-out' | 'connecting' | 'online' | 'offline' | 'unauthorized';

export interface Account {
  serverUrl: string;
  /**
   * `role`: as the server last said (at sign-in, and on each reconnect); absent from older servers.
   * `avatar`: the user's own photo (User.avatar), as last said on reconnect or by `user:updated`.
   */
  user: { id: number; name: string; role?: Role; avatar?: string };
}

export type DeliveryState = 'sent' | 'sending' | 'failed';

/** A message as the user sees it: a stored copy, or one of their own sends not yet stored. */
export interface ChatMessage {
  clientId: string;
  /** Null until the server has stored it. */
  id: number | null;
  seq: number | null;
  user: number;
  name: string;
  date: number;
  /** The text; with attachments, their caption (possibly empty). */
  content: string;
  /** The message's files, in order (absent: a text message). */
  attachments?: ChatAttachment[];
  /** What it answers (a snapshot from when it was sent). */
  replyTo?: Quote;
  /** Its sender took it back: `content` and `attachments` are gone; shown as "alice recalled a message". */
  recalled?: true;
  /** When its text was last changed (ms): shown with an "edited" mark. */
  editedAt?: number;
  forwarded?: true;
  /** The user deleted it for themself (on another device too): it is not shown. */
  hidden?: true;
  state: DeliveryState;
  /** Why the server refused it (state `failed`). */
  failure?: Failure;
}

/**
 * The server's error codes, and the client's own: no connection, nobody signed in, or a
 * message whose every send made the connection drop (the outbox gave up on it).
 */
export const failureCodes = [...errorCodes, 'offline', 'signed_out', 'connection_dropped'] as const;
export type FailureCode = (typeof failureCodes)[number];
export interface Failure {
  code: FailureCode;
  message: string;
  /** `rate_limited`: the server's hint, in whole ms, of how long to wait before sending again. */
  retryAfterMs?: number;
  /** The server said which field the user typed is wrong (ErrorBody.field): shown beside it. */
  field?: ErrorBody['field'];
}

export const themes = ['light', 'dark', 'system'] as const;
export const languages = ['en', 'zh'] as const;

export interface Settings {
  /** Notifications say only "New message". */
  hideContent: boolean;
  closeToTray: boolean;
  doNotDisturb: boolean;
  /** With doNotDisturb: it ends by itself at this time (ms), e.g. "until tomorrow 8:00"; null: until turned off. */
  doNotDisturbUntil: number | null;
  startAtLogin: boolean;
  theme: (typeof themes)[number];
  language: (typeof languages)[number];
  /** Send and see read receipts; kept on the server too, so every device of the user agrees. */
  readReceipts: boolean;
}

export const defaultSettings: Settings = {
  hideContent: false,
  closeToTray: true,
  doNotDisturb: false,
  doNotDisturbUntil: null,
  startAtLogin: false,
  theme: 'system',
  language: 'en',
  readReceipts: true,
};

/** What Settings → About shows. */
export interface About {
  version: string;
  /** The profile's log file: where to look, or what to send, when something went wrong. */
  logFile: string;
  /**
   * How the session token is kept: encrypted by the OS keyring, or `plain` in a file only the
   * user's account can read (no keyring: the Chromium shell, or Linux without a secret service).
   */
  sessionKept: 'encrypted' | 'plain';
}

/** An unsent message from a damaged outbox that could not be read back whole. */
export interface LostMessage {
  /** Who it was to, when that much was readable. */
  to: number | null;
  /** What it said, when that much was readable: the user may want to send it again. */
  content: string | null;
}

/** The outbox file was damaged when the session started: what was kept and what was lost. */
export interface OutboxRecovery {
  /** Unsent messages read back whole: they are sent as usual. */
  kept: number;
  lost: LostMessage[];
  /** The file was not readable at all: how many messages were lost is not known. */
  unreadable: boolean;
}

export interface Snapshot {
  account: Account | null;
  /** The server the sign-in screen suggests. */
  defaultServerUrl: string;
  connection: ConnectionState;
  chats: Chat[];
  unreadTotal: number;
  settings: Settings;
  about: About;
  /** Set when this session's outbox was damaged, until the user signs out. */
  outboxRecovery: OutboxRecovery | null;
  /** Peers whose account was deleted (absent: none): shown as "Deleted user". */
  deletedUsers?: number[];
  /** Unsent text per chat (by peer id), kept in the profile across restarts. */
  drafts?: Record<number, string>;
  /**
   * The messages still in the outbox per chat (by peer id), oldest first, as `messages` events
   * show them, so the chat list shows them before a chat is opened (absent: an older core). The
   * outbox has no cap: this is every message the user wrote that the server has not stored yet.
   */
  outbox?: Record<number, ChatMessage[]>;
  /** What this shell can do (absent: an older core; treat as noDesktopFeatures). */
  desktop?: DesktopFeatures;
  update?: UpdateStatus;
  serverNotice?: ServerNotice | null;
}

export interface SignInInput {
  serverUrl: string;
  name: string;
  password: string;
  /**
   * The user ticked "Allow unencrypted connection": needed for an http:// server on another
   * computer (main/ipc/server-address.ts), refused without it.
   */
  allowUnencrypted?: boolean;
  /** Register only: the invite code a server whose registration is `invite` asks for. */
  invite?: string;
}
export interface PeerInput {
  who: number;
}
export interface HistoryInput {
  who: number;
  /** Older than this seq; omitted for the newest page. */
  beforeSeq?: number;
  limit?: number;
}
export interface HistoryPage {
  messages: ChatMessage[];
  hasMore: boolean;
}
export interface SendInput {
  to: number;
  /** May be empty when there are attachments (it is their caption). */
  content: string;
  /** Staged files (FileRequests.finishFile), at most 10, in order. */
  attachments?: Array<{ stagedId: string }>;
  /** The server `id` of the message of this chat it answers. */
  replyTo?: number;
}
export interface LogoutInput {
  /** Also delete this account's chats, messages and unsent messages from this computer. */
  removeCache?: boolean;
}
export interface AdminUsersInput {
  /** The `next` of the previous page; omitted for the first. */
  after?: string;
}
export interface AdminActionInput {
  id: number;
  action: AdminAction;
}
/** What an admin action answers: the user as they are now, and reset-password's one-time password. */
export interface AdminActionResult {
  user: ManagedUser;
  password?: string;
}
export interface AdminCreateUserInput {
  name: string;
}
export interface AdminCreatedUser {
  user: ManagedUser;
  /** A one-time password the admin hands over; shown once. */
  password: string;
}
export interface AdminInviteInput {
  id: string;
}
export interface OutboxInput {
  clientId: string;
}
/**
 * A failure the renderer caught and cannot write down itself. Main writes it to the log as a
 * warn line: ids, codes and error names only, never what the user typed or read.
 */
export interface ProblemReport {
  /** What the renderer was doing: a short plain name such as "loading the window". */
  context: string;
  message: string;
  stack?: string;
}

/** What main accepts of a ProblemReport (longer is bad_request), and how many it logs a minute. */
export const problemReportLimits = {
  contextMax: 80,
  messageMax: 500,
  stackMax: 2000,
  perMinute: 10,
} as const;

/** Requests: each resolves with its result or rejects with a `Failure`-shaped error. */
export interface MessengerRequests extends AccountRequests, FileRequests, MessageRequests, DesktopRequests {
  register(input: SignInInput): Promise<Account>;
  login(input: SignInInput): Promise<Account>;
  logout(input?: LogoutInput): Promise<void>;
  snapshot(): Promise<Snapshot>;
  listUsers(): Promise<User[]>;
  listChats(): Promise<Chat[]>;
  openChat(input: PeerInput): Promise<Chat | null>;
  closeChat(input: PeerInput): Promise<void>;
  readChat(input: PeerInput): Promise<Chat | null>;
  deleteChat(input: PeerInput): Promise<void>;
  loadHistory(input: HistoryInput): Promise<HistoryPage>;
  send(input: SendInput): Promise<ChatMessage>;
  retry(input: OutboxInput): Promise<void>;
  discard(input: OutboxInput): Promise<void>;
  typing(input: PeerInput): Promise<void>;
  updateSettings(input: Partial<Settings>): Promise<Settings>;
  reportProblem(input: ProblemReport): Promise<void>;
  accountInfo(): Promise<AccountInfo>;
  adminUsers(input?: AdminUsersInput): Promise<ManagedUsersPage>;
  adminAction(input: AdminActionInput): Promise<AdminActionResult>;
  adminCreateUser(input: AdminCreateUserInput): Promise<AdminCreatedUser>;
  adminInvites(): Promise<InviteInfo[]>;
  adminCreateInvite(input?: NewInviteRequest): Promise<NewInviteResponse>;
  adminRevokeInvite(input: AdminInviteInput): Promise<void>;
}
export type RequestName = keyof MessengerRequests;
/** What request `N` takes (`undefined`: nothing). */
export type RequestInput<N extends RequestName> = Parameters<MessengerRequests[N]>[0];
/** What request `N` resolves with. */
export type RequestValue<N extends RequestName> = Awaited<ReturnType<MessengerRequests[N]>>;

/** Updates pushed to the renderer. */
export interface MessengerEvents extends DesktopEvents {
  connection: ConnectionState;
  account: Account | null;
  /** The whole chat list, newest first. */
  chats: Chat[];
  /** Messages added to or changed in one chat (matched by clientId). */
  messages: { who: number; messages: ChatMessage[] };
  /** A chat's history was dropped (deleted, or recreated on the server). */
  historyReset: { who: number };
  presence: { id: number; online: boolean };
  typing: { from: number };
  unreadTotal: number;
  settings: Settings;
  /** The user asked (e.g. from a notification) to see this chat. */
  showChat: { who: number };
  /** The session's outbox was damaged (null: nothing to tell, e.g. after signing out). */
  outboxRecovery: OutboxRecovery | null;
  /** A user was renamed or deleted (`deleted: true`); the chat list follows in a `chats` event. */
  userUpdated: UserUpdate;
  /** An attachment being downloaded. */
  fileProgress: FileProgress;
}
export type EventName = keyof MessengerEvents;

export type Unsubscribe = () => void;

export interface MessengerApi extends MessengerRequests {
  on<E extends EventName>(event: E, listener: (payload: MessengerEvents[E]) => void): Unsubscribe;
}

/** What crosses the process boundary for a request. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const requestNames = [
  'register',
  'login',
  'logout',
  'snapshot',
  'listUsers',
  'listChats',
  'openChat',
  'closeChat',
  'readChat',
  'deleteChat',
  'loadHistory',
  'send',
  'retry',
  'discard',
  'typing',
  'updateSettings',
  'reportProblem',
  ...accountRequestNames,
  'adminUsers',
  'adminAction',
  'adminCreateUser',
  'adminInvites',
  'adminCreateInvite',
  'adminRevokeInvite',
  ...fileRequestNames,
  ...messageRequestNames,
  ...desktopRequestNames,
] as const satisfies readonly RequestName[];

export const eventNames = [
  'connection',
  'account',
  'chats',
  'messages',
  'historyReset',
  'presence',
  'typing',
  'unreadTotal',
  'settings',
  'showChat',
  'outboxRecovery',
  'userUpdated',
  'fileProgress',
  ...desktopEventNames,
] as const satisfies readonly EventName[];

/** The IPC channel of one request. */
export function requestChannel(name: RequestName): string {
  return `messenger:request:${name}`;
}

/** The one channel every event travels on, as `{ event, payload }`. */
export const eventChannel = 'messenger:event';

/** The global the renderer finds the API under. */
export const apiGlobal = 'messenger';
