// Node runtime. The wire contract's shapes as schemas, each pinned to its type in
// protocol/contract.ts: what the server sends (acks, events) and what the cache keeps of it is
// parsed with these before the core trusts it.
import { z } from 'zod';
import {
  errorCodes,
  messageActions,
  type Attachment,
  type Chat,
  type ErrorBody,
  type Message,
  type Quote,
  type RequestEvent,
  type SearchPage,
  type ResultOf,
  type ServerEvent,
  type ServerEventPayload,
  type User,
} from '../../protocol/contract.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().nonnegative();

/** Lowercase hex SHA-256: also what names a file in the profile's cache. */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');
/** A server file id as message:send takes it. */
export const fileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a file id');

export const attachmentSchema = z.object({
  id: fileIdSchema,
  name: z.string(),
  size: count,
  mime: z.string(),
  sha256: sha256Schema,
  width: count.optional(),
  height: count.optional(),
}) satisfies z.ZodType<Attachment>;

export const quoteSchema = z.object({ id, user: id, name: z.string(), excerpt: z.string() }) satisfies z.ZodType<Quote>;

export const messageSchema = z.object({
  id,
  clientId: z.string(),
  user: id,
  name: z.string(),
  date: z.number(),
  content: z.string(),
  seq: z.number().int().positive(),
  attachments: z.array(attachmentSchema).optional(),
  caption: z.string().optional(),
  kind: z.enum(messageActions).optional(),
  target: id.optional(),
  text: z.string().optional(),
  replyTo: quoteSchema.optional(),
  recalled: z.literal(true).optional(),
  editedAt: z.number().optional(),
  hidden: z.literal(true).optional(),
  forwarded: z.literal(true).optional(),
}) satisfies z.ZodType<Message>;

export const chatSchema = z.object({
  id,
  user: id,
  who: id,
  name: z.string(),
  unread: count,
  updatedAt: z.number(),
  lastSeq: count,
  last: messageSchema.nullable(),
  pinnedAt: z.number().optional(),
  muted: z.literal(true).optional(),
  markedUnread: z.literal(true).optional(),
  peerReadId: id.optional(),
}) satisfies z.ZodType<Chat>;

const avatar = fileIdSchema.optional();
const userSchema = z.object({ id, name: z.string(), online: z.boolean(), avatar }) satisfies z.ZodType<User>;

/**
 * A failed ack's error. A `retryAfterMs` hint that is not whole ms is ignored rather than
 * failing the ack: the failure still counts, only the hint is lost.
 */
export const errorBodySchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  retryAfterMs: count.optional().catch(undefined),
  // A field this client does not know is dropped: the message still says what is wrong.
  field: z.enum(['name', 'password', 'invite']).optional().catch(undefined),
}) satisfies z.ZodType<ErrorBody>;

const noResult = z.object({});
const oneCopy = z.object({ message: messageSchema });
const oneChat = z.object({ chat: chatSchema });

const searchHitSchema = z.object({
  who: id,
  name: z.string(),
  seq: z.number().int().positive(),
  id,
  date: z.number(),
  snippet: z.string(),
  matches: z.array(z.tuple([count, count])),
});
const searchPageSchema = z.object({
  hits: z.array(searchHitSchema),
  next: z.string().optional(),
}) satisfies z.ZodType<SearchPage>;

/** What each request's successful ack carries besides `ok: true`. */
export const resultSchemas: { [E in RequestEvent]: z.ZodType<ResultOf<E>> } = {
  // An older server sends no `next`: its one answer is the whole list.
  'users:list': z.object({ users: z.array(userSchema), next: z.string().optional() }),
  'chats:list': z.object({ chats: z.array(chatSchema), next: z.string().optional() }),
  'chat:open': z.object({ chat: chatSchema }),
  'chat:close': noResult,
  'chat:read': z.object({ chat: chatSchema.nullable() }),
  'chat:history': z.object({ messages: z.array(messageSchema), hasMore: z.boolean() }),
  'message:send': oneCopy,
  'message:recall': oneCopy,
  'message:edit': oneCopy,
  'message:hide': oneCopy,
  'message:forward': oneCopy,
  'chat:pin': oneChat,
  'chat:mute': oneChat,
  'chat:mark-unread': oneChat,
  'messages:search': searchPageSchema,
  'chat:delete': noResult,
  typing: noResult,
  'presence:watch': z.object({ online: z.array(id) }),
};

/** An ack before its result is read: success with the result's fields, or a failure. */
export const ackSchema = z.discriminatedUnion('ok', [
  z.looseObject({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: errorBodySchema }),
]);

export const serverEventSchemas: { [E in ServerEvent]: z.ZodType<ServerEventPayload<E>> } = {
  'message:new': z.object({ chat: chatSchema, message: messageSchema }),
  'chat:updated': z.object({ chat: chatSchema }),
  'chat:deleted': z.object({ who: id }),
  presence: z.object({ id, online: z.boolean() }),
  'server:closing': z.object({ reason: z.enum(['shutdown', 'restart']), message: z.string().max(200) }),
  typing: z.object({ from: id }),
  'user:updated': z.object({ id, name: z.string(), deleted: z.literal(true).optional(), avatar }),
};

/** The first problem zod found, as a short phrase for a log line or an error message. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid'}`;
}

/**
 * The first problem as its place and zod's code ("messages.0.seq: too_small"), for the log:
 * a zod message can quote what it was given, which may be a message's content.
 */
export function issueForLog(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map((key) => (typeof key === 'symbol' ? '?' : String(key).slice(0, 40))).join('.');
  return `${where || '(root)'}: ${issue.code}`;
}
