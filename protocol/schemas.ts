// Payload schemas: every request is parsed here before anything happens.
// Unknown fields are stripped (never trusted); the sender is always the token's user.
import { z } from 'zod';
import type {
  ChangePasswordRequest,
  ChatsRequest,
  DeleteAccountRequest,
  LoginRequest,
  RenameRequest,
  HistoryRequest,
  MessageActionRequest,
  EditRequest,
  ForwardRequest,
  PeerRequest,
  PinRequest,
  MuteRequest,
  AccountSettings,
  SendRequest,
  TypingRequest,
  UsersRequest,
  PresenceWatchRequest,
  SearchRequest,
  AdminNewUserRequest,
  NewInviteRequest,
} from './contract.js';
import { ProtocolError, type ErrorField } from './errors.js';
import { limits } from './limits.js';
import { codePoints, isInvisible } from './text.js';

const userId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const userName = z
  .string()
  .refine((name) => name.isWellFormed(), 'must be well-formed Unicode')
  .refine((name) => {
    const n = codePoints(name);
    return n >= 1 && n <= limits.nameMaxCodePoints;
  }, `must be 1 to ${limits.nameMaxCodePoints} characters`)
  .refine((name) => !/[\p{Cc}\p{Cf}]/u.test(name), 'must not contain control or format characters')
  .refine(
    (name) => !/[\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/u.test(name),
    'must not contain invisible characters or line breaks',
  )
  .refine((name) => !/^\s|\s$/u.test(name), 'must not start or end with whitespace')
  .refine((name) => !isInvisible(name), 'must contain something visible');

const password = z
  .string()
  .refine((text) => text.isWellFormed(), 'must be well-formed Unicode')
  .refine((text) => {
    const n = codePoints(text);
    return n >= limits.passwordMinCodePoints && n <= limits.passwordMaxCodePoints;
  }, `must be ${limits.passwordMinCodePoints} to ${limits.passwordMaxCodePoints} characters`);

const credentials = z.object({ name: userName, password });
export type Credentials = z.infer<typeof credentials>;

/** The label of a new session in the user's list of sessions. */
const device = z
  .string()
  .refine((text) => text.isWellFormed(), 'must be well-formed Unicode')
  .refine(
    (text) => codePoints(text) <= limits.deviceMaxCodePoints,
    `must be at most ${limits.deviceMaxCodePoints} characters`,
  )
  .refine((text) => !/[\p{Cc}]/u.test(text), 'must not contain control characters')
  .optional();

/** POST /api/register: credentials, the invite code a server in invite mode asks for, a device label. */
const registration = credentials.extend({
  invite: z.string().min(1).max(200, 'must be at most 200 characters').optional(),
  device,
});
export type Registration = z.infer<typeof registration>;

/** POST /api/login: credentials and an optional label for the new session. */
const login = credentials.extend({ device }) satisfies z.ZodType<LoginRequest>;

const changePassword = z.object({
  current: z.string().max(1000, 'must be at most 1000 characters'),
  password,
}) satisfies z.ZodType<ChangePasswordRequest>;
const rename = z.object({ name: userName }) satisfies z.ZodType<RenameRequest>;
const deleteAccount = z.object({
  password: z.string().max(1000, 'must be at most 1000 characters'),
}) satisfies z.ZodType<DeleteAccountRequest>;
/** POST /api/admin/users and POST /api/admin/invites. */
const adminNewUser = z.object({ name: userName }) satisfies z.ZodType<AdminNewUserRequest>;
const newInvite = z.object({
  uses: z.number().int().min(1).max(1_000_000).optional(),
  expiresInMs: z.number().int().min(60_000).max(8_640_000_000).optional(),
}) satisfies z.ZodType<NewInviteRequest>;

// Each request schema is pinned to its contract type: a field that drifts fails the build.
const peer = z.object({ who: userId }) satisfies z.ZodType<PeerRequest>;
const pin = z.object({ who: userId, pinned: z.boolean() }) satisfies z.ZodType<PinRequest>;
const mute = z.object({ who: userId, muted: z.boolean() }) satisfies z.ZodType<MuteRequest>;
const accountSettings = z.object({ readReceipts: z.boolean() }) satisfies z.ZodType<AccountSettings>;
const typing = z.object({ to: userId }) satisfies z.ZodType<TypingRequest>;
const presenceWatch = z.object({
  ids: z.array(userId).max(limits.presenceWatchMaxIds, `must name at most ${limits.presenceWatchMaxIds} users`),
}) satisfies z.ZodType<PresenceWatchRequest>;

const history = z
  .object({
    who: userId,
    beforeSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    aroundSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(limits.historyMaxLimit).optional(),
  })
  .refine((page) => [page.beforeSeq, page.afterSeq, page.aroundSeq].filter((seq) => seq !== undefined).length <= 1, {
    message: 'give at most one of beforeSeq, afterSeq and aroundSeq',
  }) satisfies z.ZodType<HistoryRequest>;

const listLimit = z.number().int().min(1).max(limits.listMaxLimit);
const cursor = z
  .string()
  .min(1)
  .max(limits.cursorMaxLength)
  .refine((text) => text.isWellFormed() && !/\p{Cc}/u.test(text), 'is not a cursor this server gave');

const users = z.object({
  query: z
    .string()
    .refine((text) => text.isWellFormed(), 'must be well-formed Unicode')
    .refine(
      (text) => codePoints(text) <= limits.userQueryMaxCodePoints,
      `must be at most ${limits.userQueryMaxCodePoints} characters`,
    )
    .optional(),
  after: cursor.optional(),
  limit: listLimit.optional(),
}) satisfies z.ZodType<UsersRequest>;

const chats = z.object({
  // The server's chat cursor is a record id in decimal.
  after: z
    .string()
    .regex(/^\d{1,16}$/, 'is not a cursor this server gave')
    .optional(),
  limit: listLimit.optional(),
}) satisfies z.ZodType<ChatsRequest>;

const search = z.object({
  q: z
    .string()
    .refine((text) => text.isWellFormed(), 'must be well-formed Unicode')
    .refine((text) => {
      const n = codePoints(text);
      return n >= 1 && n <= limits.searchQueryMaxCodePoints;
    }, `must be 1 to ${limits.searchQueryMaxCodePoints} characters`)
    // PostgreSQL's text cannot hold U+0000, so no stored text is searched with it either.
    .refine((text) => !text.includes('\0'), 'must not contain U+0000'),
  who: userId.optional(),
  // The server's search cursor is a message id in decimal.
  before: z
    .string()
    .regex(/^\d{1,16}$/, 'is not a cursor this server gave')
    .optional(),
  limit: z.number().int().min(1).max(limits.searchMaxLimit).optional(),
}) satisfies z.ZodType<SearchRequest>;

const attachmentIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

const send = z
  .object({
    to: userId,
    clientId: z.string().regex(limits.clientIdPattern, 'must be 1 to 64 of A-Z a-z 0-9 _ -'),
    content: z.string().refine((text) => text.isWellFormed(), 'must be well-formed Unicode'),
    replyTo: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    attachments: z
      .array(z.object({ id: z.string().regex(attachmentIdPattern, 'must be 1 to 64 of A-Z a-z 0-9 _ -') }))
      .max(limits.attachmentsMax, `must hold at most ${limits.attachmentsMax} files`)
      .refine((list) => new Set(list.map(({ id }) => id)).size === list.length, 'must not name a file twice')
      .optional(),
  })
  // Only a message carrying files may have no text: the text is then their caption.
  .refine(({ content, attachments }) => (content === '' && (attachments?.length ?? 0) > 0) || !isInvisible(content), {
    message: 'must not be empty or only whitespace or invisible characters',
    path: ['content'],
  }) satisfies z.ZodType<SendRequest>;

/** A message's `id` (docs/protocol.md 6.11). */
const messageId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const clientId = z.string().regex(limits.clientIdPattern, 'must be 1 to 64 of A-Z a-z 0-9 _ -');

const messageAction = z.object({ who: userId, id: messageId, clientId }) satisfies z.ZodType<MessageActionRequest>;
const edit = z.object({
  who: userId,
  id: messageId,
  clientId,
  content: z
    .string()
    .refine((text) => text.isWellFormed(), 'must be well-formed Unicode')
    .refine((text) => !isInvisible(text), 'must not be empty or only whitespace or invisible characters'),
}) satisfies z.ZodType<EditRequest>;
const forward = z.object({ from: userId, id: messageId, to: userId, clientId }) satisfies z.ZodType<ForwardRequest>;

/** The account forms' payload keys whose faults are shown beside a field (ErrorBody.field). */
const formFields: Readonly<Record<string, ErrorField>> = {
  name: 'name',
  password: 'password',
  current: 'password',
  invite: 'invite',
};

function parseWith<T>(schema: z.ZodType<T>, payload: unknown, what: string, fields?: typeof formFields): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
  const key = issue?.path.length === 1 ? String(issue.path[0]) : '';
  const field = fields && Object.hasOwn(fields, key) ? fields[key] : undefined;
  throw new ProtocolError('bad_request', `Invalid ${what}: ${where}${issue?.message ?? 'wrong shape'}.`, undefined, {
    ...(field ? { field } : {}),
  });
}

export const parse = {
  credentials: (payload: unknown): Credentials => parseWith(credentials, payload, 'credentials', formFields),
  registration: (payload: unknown): Registration => parseWith(registration, payload, 'registration', formFields),
  login: (payload: unknown): LoginRequest => parseWith(login, payload, 'login', formFields),
  changePassword: (payload: unknown): ChangePasswordRequest =>
    parseWith(changePassword, payload, 'password change', formFields),
  rename: (payload: unknown): RenameRequest => parseWith(rename, payload, 'new name', formFields),
  deleteAccount: (payload: unknown): DeleteAccountRequest =>
    parseWith(deleteAccount, payload, 'account deletion', formFields),
  adminNewUser: (payload: unknown): AdminNewUserRequest => parseWith(adminNewUser, payload, 'new user'),
  // No body asks for the defaults: one use, never expires.
  newInvite: (payload: unknown): NewInviteRequest => parseWith(newInvite, payload ?? {}, 'invite'),
  peer: (payload: unknown): PeerRequest => parseWith(peer, payload, 'request'),
  pin: (payload: unknown): PinRequest => parseWith(pin, payload, 'chat:pin request'),
  mute: (payload: unknown): MuteRequest => parseWith(mute, payload, 'chat:mute request'),
  accountSettings: (payload: unknown): AccountSettings => parseWith(accountSettings, payload, 'account settings'),
  typing: (payload: unknown): TypingRequest => parseWith(typing, payload, 'request'),
  presenceWatch: (payload: unknown): PresenceWatchRequest => parseWith(presenceWatch, payload, 'presence:watch'),
  history: (payload: unknown): HistoryRequest => parseWith(history, payload, 'history request'),
  // No payload (or null, which is how JSON carries a skipped one) asks for the first page.
  users: (payload: unknown): UsersRequest => parseWith(users, payload ?? {}, 'users:list request'),
  chats: (payload: unknown): ChatsRequest => parseWith(chats, payload ?? {}, 'chats:list request'),
  search: (payload: unknown): SearchRequest => parseWith(search, payload, 'messages:search request'),
  send(payload: unknown): SendRequest {
    // Oversize content is its own code, checked before the general shape.
    const content: unknown = isRecord(payload) ? payload['content'] : undefined;
    if (typeof content === 'string' && codePoints(content) > limits.contentMaxCodePoints) {
      throw new ProtocolError('too_large', `A message can hold at most ${limits.contentMaxCodePoints} characters.`);
    }
    return parseWith(send, payload, 'message');
  },
  messageAction: (payload: unknown): MessageActionRequest => parseWith(messageAction, payload, 'request'),
  edit(payload: unknown): EditRequest {
    const content: unknown = isRecord(payload) ? payload['content'] : undefined;
    if (typeof content === 'string' && codePoints(content) > limits.contentMaxCodePoints) {
      throw new ProtocolError('too_large', `A message can hold at most ${limits.contentMaxCodePoints} characters.`);
    }
    return parseWith(edit, payload, 'edit');
  },
  forward: (payload: unknown): ForwardRequest => parseWith(forward, payload, 'forward'),
  clientIdOf,
};

/** The payload's clientId when it is a valid one, else null. */
function clientIdOf(payload: unknown): string | null {
  const clientId = isRecord(payload) ? payload['clientId'] : undefined;
  return typeof clientId === 'string' && limits.clientIdPattern.test(clientId) ? clientId : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Login and uniqueness compare names by this key. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
