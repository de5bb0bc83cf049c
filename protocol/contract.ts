// The wire contract (docs/protocol.md): the one place that names events and payload shapes.
// Runtime-neutral: the server, the client core and (through main/ipc) the renderer import it.

export const errorCodes = [
  'bad_request',
  'unauthorized',
  'not_found',
  'conflict',
  'too_large',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

export interface User {
  id: number;
  name: string;
  online: boolean;
}

/** One copy of a message inside one chat record. */
export interface Message {
  id: number;
  clientId: string;
  user: number;
  name: string;
  date: number;
  content: string;
  seq: number;
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
}

export type Ack<Result> = ({ ok: true } & Result) | { ok: false; error: ErrorBody };
type AckFn<Result> = (ack: Ack<Result>) => void;

export interface PeerRequest {
  who: number;
}
export interface HistoryRequest {
  who: number;
  beforeSeq?: number;
  afterSeq?: number;
  limit?: number;
}
export interface SendRequest {
  to: number;
  clientId: string;
  content: string;
}
export interface TypingRequest {
  to: number;
}

export interface HistoryPage {
  messages: Message[];
  hasMore: boolean;
}

export interface ClientToServerEvents {
  'users:list': (ack?: AckFn<{ users: User[] }>) => void;
  'chats:list': (ack?: AckFn<{ chats: Chat[] }>) => void;
  'chat:open': (request: PeerRequest, ack?: AckFn<{ chat: Chat }>) => void;
  'chat:close': (request: PeerRequest, ack?: AckFn<object>) => void;
  'chat:read': (request: PeerRequest, ack?: AckFn<{ chat: Chat | null }>) => void;
  'chat:history': (request: HistoryRequest, ack?: AckFn<HistoryPage>) => void;
  'message:send': (request: SendRequest, ack?: AckFn<{ message: Message }>) => void;
  'chat:delete': (request: PeerRequest, ack?: AckFn<object>) => void;
  typing: (request: TypingRequest, ack?: AckFn<object>) => void;
}
export type RequestEvent = keyof ClientToServerEvents;

export interface ServerToClientEvents {
  'message:new': (event: { chat: Chat; message: Message }) => void;
  'chat:updated': (event: { chat: Chat }) => void;
  'chat:deleted': (event: { who: number }) => void;
  presence: (event: { id: number; online: boolean }) => void;
  typing: (event: { from: number }) => void;
}
export type ServerEvent = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/** HTTP: POST /api/register and POST /api/login answer this. */
export interface SessionResponse {
  user: User;
  token: string;
}

export const httpPaths = {
  register: '/api/register',
  login: '/api/login',
  logout: '/api/logout',
  health: '/healthz',
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
