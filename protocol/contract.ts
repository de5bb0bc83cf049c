// The wire contract (docs/protocol.md): the one place that names events and payload shapes.
// Runtime-neutral: the server, the client core and (through main/ipc) the renderer import it.
// The account, administration and files HTTP shapes live in http-contract.ts, re-exported here.
import type { Role } from './http-contract.js';

export * from './http-contract.js';

export const errorCodes = [
  'bad_request',
  'unauthorized',
  'not_found',
  'forbidden',
  'conflict',
  'too_large',
  'rate_limited',
  'internal',
  'busy',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /**
   * Only with `rate_limited`: whole milliseconds (at least 1) until a send would be admitted
   * again, when the oldest send counted against the limit leaves its window; for a refused login
   * or registration, until that request would be admitted again.
   */
  retryAfterMs?: number;
  /**
   * Which field of the request the failure is about, when it is one the user typed:
   * registration, sign-in and account forms show the message beside that field.
   */
  field?: 'name' | 'password' | 'invite';
}

export interface User {
  id: number;
  name: string;
  online: boolean;
  /** The user's avatar: GET /api/avatars/<avatar> (absent: none; initials are shown). */
  avatar?: string;
}

/**
 * A file attached to a message, stored with both copies; also what POST /api/files answers
 * (201). `mime` is sniffed from the bytes, never taken from the client; `width` and `height`
 * (pixels) only for images whose size the server could read.
 */
export interface Attachment {
  id: string;
  name: string;
  size: number;
  mime: string;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
  width?: number;
  height?: number;
}

/** One copy of a message inside one chat record. */
export interface Message {
  id: number;
  clientId: string;
  user: number;
  name: string;
  date: number;
  /**
   * The text. With attachments: a placeholder naming each one ("[Image] a.png", "[File] b.pdf",
   * one per line) followed by the caption, so a client that knows only text shows something
   * readable; clients that know attachments show `attachments` and `caption` instead.
   */
  content: string;
  seq: number;
  /** Present (1–10) when the message carries files, in the order they were sent. */
  attachments?: Attachment[];
  /** Present with `attachments`: the sender's own text, possibly empty. */
  caption?: string;
  /**
   * Absent on a message. Otherwise this copy is an action on the earlier message `target`
   * (its `id`) of the same pair (docs/protocol.md 6.11): `recall` (its sender took it back for
   * both), `edit` (its sender changed its text to `text`), `hide` (the owner of this record
   * deleted their copy; only in that record). `content` then reads as a line for clients that
   * know only text ("alice recalled a message"). Actions count no unread and notify no one.
   */
  kind?: MessageAction;
  target?: number;
  /** With kind `edit`: the new text. */
  text?: string;
  /** On a message: what it answers, as it was when it was sent. */
  replyTo?: Quote;
  /** On a message its sender recalled: `content`, `caption` and `attachments` are gone. */
  recalled?: true;
  /** On an edited message: when it was last edited (ms); `content` is the new text. */
  editedAt?: number;
  /** On a message the owner of this record deleted (kind `hide` came): its content is gone from this record. */
  hidden?: true;
  /** On a message made by `message:forward`. */
  forwarded?: true;
}

export const messageActions = ['recall', 'edit', 'hide'] as const;
export type MessageAction = (typeof messageActions)[number];

/** The message a reply quotes: a snapshot taken when the reply was sent. */
export interface Quote {
  /** The quoted message's `id`. */
  id: number;
  /** Its sender, and their name then. */
  user: number;
  name: string;
  /** Its first 100 code points (a recalled message's: empty). */
  excerpt: string;
}

/** One chat record: `user` owns it, `who` is the peer. */
export interface Chat {
  id: number;
  user: number;
  who: number;
  name: string;
  unread: number;
  updatedAt: number;
  lastSeq: number;
  last: Message | null;
  /** The owner pinned this chat at this time (ms): pinned chats come first, most recently pinned first. */
  pinnedAt?: number;
  /** The owner muted this chat: no notification, not in the unread total. */
  muted?: true;
  /** The owner marked it unread; cleared when they open or read it. */
  markedUnread?: true;
  /**
   * The highest `id` of the owner's own messages that the peer has read (opened the chat past
   * it, on any device). Absent when either of them has read receipts off, or nothing was read.
   */
  peerReadId?: number;
}

export type Ack<Result> = ({ ok: true } & Result) | { ok: false; error: ErrorBody };

export interface PeerRequest {
  who: number;
}
export interface HistoryRequest {
  who: number;
  beforeSeq?: number;
  afterSeq?: number;
  /** The copies around this seq (half before, half after, itself included): to jump to a quote or a search hit. */
  aroundSeq?: number;
  limit?: number;
}
export interface SendRequest {
  to: number;
  clientId: string;
  /** The `id` of a message of this pair this one answers (quoted with a snapshot). */
  replyTo?: number;
  /** May be empty when there are attachments (it is their caption). */
  content: string;
  /** Uploads (POST /api/files) of the sender not yet attached to any message; at most 10. */
  attachments?: Array<{ id: string }>;
}
/** `message:recall`, `message:hide`: an action on the message `id` of the chat with `who`; idempotent by `clientId`. */
export interface MessageActionRequest {
  who: number;
  id: number;
  clientId: string;
}
/** `message:edit`: the new text of the caller's own message `id`. */
export interface EditRequest extends MessageActionRequest {
  content: string;
}
/** `message:forward`: a new message to `to` with the content and attachments of message `id` of the chat with `from`. */
export interface ForwardRequest {
  from: number;
  id: number;
  to: number;
  clientId: string;
}
/** `chat:pin`, `chat:mute`: set or clear; `chat:mark-unread` takes a PeerRequest. */
export interface PinRequest {
  who: number;
  pinned: boolean;
}
export interface MuteRequest {
  who: number;
  muted: boolean;
}
/** `messages:search`: the caller's own records only; `who` limits it to one chat; `before` is a page's `next`. */
export interface SearchRequest {
  q: string;
  who?: number;
  before?: string;
  limit?: number;
}
export interface SearchHit {
  /** The chat (its peer) and the copy's place in it. */
  who: number;
  name: string;
  seq: number;
  id: number;
  date: number;
  /** Up to ~120 code points of the text around the first match. */
  snippet: string;
  /** Where the query matches in `snippet`: [start, end) in UTF-16 units. */
  matches: Array<[number, number]>;
}
export interface SearchPage {
  hits: SearchHit[];
  next?: string;
}

export interface TypingRequest {
  to: number;
}
/** `presence:watch`: the users whose presence events this socket wants (replaces the last set). */
export interface PresenceWatchRequest {
  ids: number[];
}

/**
 * `users:list`: one page of the other users, in name-key order. `query` keeps the users whose
 * name key contains the query's name key; `after` is a page's `next`, passed back unchanged.
 */
export interface UsersRequest {
  query?: string;
  after?: string;
  limit?: number;
}
/** `next`, an opaque string, is present while more users may follow: ask again with `after: next`. */
export interface UsersPage {
  users: User[];
  next?: string;
}

/** `chats:list`: one page of the caller's records; `after` is a page's `next`, passed back unchanged. */
export interface ChatsRequest {
  after?: string;
  limit?: number;
}
/** `next`, an opaque string, is present while more records may follow: ask again with `after: next`. */
export interface ChatsPage {
  chats: Chat[];
  next?: string;
}

export interface HistoryPage {
  messages: Message[];
  hasMore: boolean;
}

/**
 * The ack result of a request that answers nothing but success: `{ ok: true }`. Not
 * `Record<string, never>`: `{ ok: true } & Record<string, never>` would have no values at all.
 */
export type NoResult = Record<never, never>;

/** Every request event: the payload it takes (`undefined`: none) and the result its ack carries. */
export interface Requests {
  // Optional payloads: without one the first page is answered (docs/protocol.md §6.3).
  'users:list': { payload: UsersRequest | undefined; result: UsersPage };
  'chats:list': { payload: ChatsRequest | undefined; result: ChatsPage };
  'chat:open': { payload: PeerRequest; result: { chat: Chat } };
  'chat:close': { payload: PeerRequest; result: NoResult };
  'chat:read': { payload: PeerRequest; result: { chat: Chat | null } };
  'chat:history': { payload: HistoryRequest; result: HistoryPage };
  'message:send': { payload: SendRequest; result: { message: Message } };
  'message:recall': { payload: MessageActionRequest; result: { message: Message } };
  'message:edit': { payload: EditRequest; result: { message: Message } };
  'message:hide': { payload: MessageActionRequest; result: { message: Message } };
  'message:forward': { payload: ForwardRequest; result: { message: Message } };
  'chat:pin': { payload: PinRequest; result: { chat: Chat } };
  'chat:mute': { payload: MuteRequest; result: { chat: Chat } };
  'chat:mark-unread': { payload: PeerRequest; result: { chat: Chat } };
  'messages:search': { payload: SearchRequest; result: SearchPage };
  'chat:delete': { payload: PeerRequest; result: NoResult };
  typing: { payload: TypingRequest; result: NoResult };
  'presence:watch': { payload: PresenceWatchRequest; result: { online: number[] } };
}
export type RequestEvent = keyof Requests;
export type RequestOf<E extends RequestEvent> = Requests[E]['payload'];
/** What a successful ack of `E` carries besides `ok: true`. */
export type ResultOf<E extends RequestEvent> = Requests[E]['result'];
export type AckOf<E extends RequestEvent> = Ack<ResultOf<E>>;

/** Socket.IO's typing of the requests, derived from `Requests`. */
export type ClientToServerEvents = {
  [E in RequestEvent]: RequestOf<E> extends undefined
    ? (ack?: (ack: AckOf<E>) => void) => void
    : undefined extends RequestOf<E>
      ? (requestOrAck?: RequestOf<E> | ((ack: AckOf<E>) => void), ack?: (ack: AckOf<E>) => void) => void
      : (request: RequestOf<E>, ack?: (ack: AckOf<E>) => void) => void;
};

/** Every event the server pushes, with its payload. */
export interface ServerEvents {
  'message:new': { chat: Chat; message: Message };
  'chat:updated': { chat: Chat };
  'chat:deleted': { who: number };
  presence: { id: number; online: boolean };
  typing: { from: number };
  /** A user this socket's user has a chat record with (or the user themself) was renamed or deleted. */
  'user:updated': UserUpdate;
  /** The server is about to stop: sent to every socket just before it disconnects them. */
  'server:closing': ServerClosing;
}
export interface ServerClosing {
  /** `restart`: it expects to be back shortly; `shutdown`: its owner stopped it. */
  reason: 'shutdown' | 'restart';
  /** A sentence for the user, at most 200 characters. */
  message: string;
}
/** `deleted: true`: the account is gone; `name` is then "Deleted user". */
export interface UserUpdate {
  id: number;
  name: string;
  deleted?: true;
  /** The user's avatar now (absent: none), as in `User.avatar`. */
  avatar?: string;
}
export type ServerEvent = keyof ServerEvents;
export type ServerEventPayload<E extends ServerEvent> = ServerEvents[E];

/** Socket.IO's typing of the server events, derived from `ServerEvents`. */
export type ServerToClientEvents = { [E in ServerEvent]: (event: ServerEvents[E]) => void };

/** The names of every server event; `satisfies` fails the build when one is missing or unknown. */
export const serverEvents = Object.keys({
  'message:new': true,
  'chat:updated': true,
  'chat:deleted': true,
  presence: true,
  typing: true,
  'user:updated': true,
  'server:closing': true,
} satisfies Record<ServerEvent, true>) as ServerEvent[];

/** HTTP: POST /api/register and POST /api/login answer this. */
export interface SessionResponse {
  /** `role`: what the user may do on this server (servers before accounts had roles leave it out). */
  user: User & { role?: Role };
  token: string;
}

export const httpPaths = {
  register: '/api/register',
  login: '/api/login',
  logout: '/api/logout',
  health: '/healthz',
  serverInfo: '/api/server-info',
  account: '/api/account',
  accountPassword: '/api/account/password',
  accountName: '/api/account/name',
  accountSessions: '/api/account/sessions',
  /** Followed by `/<session id>` (DELETE: end that session). */
  accountSession: '/api/account/sessions/',
  accountEndOtherSessions: '/api/account/sessions/end-others',
  accountDelete: '/api/account/delete',
  adminUsers: '/api/admin/users',
  /** Followed by `/<user id>/<action>` (admin-actions below) or `/<user id>/sessions`. */
  adminUser: '/api/admin/users/',
  adminInvites: '/api/admin/invites',
  /** Followed by `/<invite id>` (DELETE: revoke). */
  adminInvite: '/api/admin/invites/',
  /** POST: upload one file (raw body). */
  files: '/api/files',
  /** Followed by `<file id>` (GET: download) or `<file id>/link` (POST: a short-lived signed URL). */
  file: '/api/files/',
  /** PUT `{ readReceipts }`: the caller's settings kept on the server (AccountSettings). */
  accountSettings: '/api/account/settings',
  /** PUT: set the caller's avatar (raw image body); DELETE: remove it. */
  myAvatar: '/api/me/avatar',
  /** Followed by `<avatar id>` (GET: the image). */
  avatar: '/api/avatars/',
  /** Followed by `<file name>` (GET, HEAD): the app's update feed and installers, on a server with --updates-dir. */
  updates: '/updates/',
} as const;

/** Socket.IO room of every socket of one user. */
export function userRoom(userId: number): string {
  return `user:${userId}`;
}

/** The seed's pair key: the same for both participants. */
export function pairKey(a: number, b: number): string {
  return a < b ? `${a}_${b}` : `${b}_${a}`;
}

/** Socket.IO room of the sockets viewing the pair's chat. */
export function pairRoom(a: number, b: number): string {
  return `pair:${pairKey(a, b)}`;
}
