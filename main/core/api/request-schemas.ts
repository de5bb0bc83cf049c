// Every request from the renderer is parsed here before the core sees it: the renderer is
// treated like any other untrusted sender.
import { z } from 'zod';
import { adminActions } from '../../../protocol/contract.js';
import { limits } from '../../../protocol/limits.js';
import { codePoints } from '../../../protocol/text.js';
import { problemReportLimits, type ProblemReport, type RequestInput, type RequestName } from '../../ipc/contract.js';
import { fileLimits, type FileInput } from '../../ipc/files-contract.js';
import { fileIdSchema, sha256Schema } from '../protocol-schemas.js';
import { isUnencryptedRemote } from '../../ipc/server-address.js';
import { parseServerUrl } from '../account/server-url.js';
import { settingsSchema } from '../profile.js';

const userId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const peer = z.strictObject({ who: userId });
const clientId = z.strictObject({ clientId: z.string().regex(limits.clientIdPattern, 'must be a clientId') });
const none = z
  .undefined()
  .or(z.null())
  .transform(() => undefined);

const serverUrl = z
  .string()
  .max(2048)
  .refine((text) => {
    try {
      parseServerUrl(text);
      return true;
    } catch {
      // Not an address the app can use: the refusal below is the answer.
      return false;
    }
  }, 'must be an http(s) address of a server, without a user name, password or path');

const tooLong = `must be at most ${limits.contentMaxCodePoints} characters`;
/**
 * The protocol's length limit, applied here: the server drops the socket on a packet far past
 * it, so a longer message would only make the connection flap. Other content rules are the
 * server's: a message it refuses is kept as failed. With attachments the text is their caption,
 * and may be empty.
 */
const caption = z
  .string()
  .max(limits.contentMaxCodePoints * 2, tooLong)
  .refine((text) => codePoints(text) <= limits.contentMaxCodePoints, tooLong);
const stagedId = z.string().uuid('must be a staged file id');
const staged = z.strictObject({ stagedId });
const send = z
  .strictObject({
    to: userId,
    content: caption,
    attachments: z.array(staged).min(1).max(limits.attachmentsMax).optional(),
    replyTo: userId.optional(),
  })
  .refine((input) => input.content !== '' || input.attachments !== undefined, {
    path: ['content'],
    message: 'must not be empty without attachments',
  })
  .refine((input) => new Set(input.attachments?.map((a) => a.stagedId)).size === (input.attachments?.length ?? 0), {
    path: ['attachments'],
    message: 'must not name one file twice',
  });

const fileName = z
  .string()
  .min(1)
  .max(limits.fileNameMaxCodePoints * 2)
  .refine((name) => codePoints(name) <= limits.fileNameMaxCodePoints, 'is too long')
  .refine((name) => ![...name].some(isControl), 'must not contain control characters');
/** Base64 of at most one piece: 4 characters per 3 bytes. */
const piece = z
  .string()
  .min(1)
  .max(Math.ceil(fileLimits.pieceBytes / 3) * 4, `must be at most ${fileLimits.pieceBytes} bytes`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
  .refine((data) => data.length % 4 === 0, 'must be base64');
const storedFile = z.strictObject({
  id: fileIdSchema,
  sha256: sha256Schema,
  name: fileName,
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  mime: z.string().min(1).max(200),
}) satisfies z.ZodType<FileInput>;

function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

const password = z.string().min(1).max(1024);
const signIn = z
  .strictObject({
    serverUrl,
    name: z.string().min(1).max(200),
    password,
    allowUnencrypted: z.boolean().optional(),
    invite: z.string().min(1).max(200).optional(),
  })
  .refine((input) => input.allowUnencrypted === true || !isUnencryptedRemote(input.serverUrl), {
    path: ['serverUrl'],
    message: 'must be https:// for a server on another computer, unless allowUnencrypted is true',
  });

const problemReport = z.strictObject({
  // Names the renderer's own code chose: a short plain phrase, so it cannot smuggle in much.
  context: z
    .string()
    .min(1)
    .max(problemReportLimits.contextMax)
    .regex(/^[A-Za-z0-9 .,:_()/'-]+$/, 'must be a short plain name'),
  message: z.string().max(problemReportLimits.messageMax),
  stack: z.string().max(problemReportLimits.stackMax).optional(),
}) satisfies z.ZodType<ProblemReport>;

/** The server checks these again; here only what keeps a request well-formed and bounded. */
const adminUsers = none.or(z.strictObject({ after: z.string().min(1).max(200).optional() }));
const adminAction = z.strictObject({ id: userId, action: z.enum(adminActions) });
const newInvite = none
  .or(
    z.strictObject({
      uses: z.number().int().min(1).max(1_000_000).optional(),
      expiresInMs: z.number().int().min(60_000).max(8_640_000_000).optional(),
    }),
  )
  .transform((input) => input ?? {});
const inviteId = z.strictObject({ id: z.string().min(1).max(200) });

const messageId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const oneMessage = z.strictObject({ who: userId, id: messageId });
const text = z
  .string()
  .min(1)
  .max(limits.contentMaxCodePoints * 2, tooLong)
  .refine((value) => codePoints(value) <= limits.contentMaxCodePoints, tooLong);
const query = z
  .string()
  .max(limits.searchQueryMaxCodePoints * 2)
  .min(1)
  .refine(
    (q) => codePoints(q) <= limits.searchQueryMaxCodePoints,
    `must be at most ${limits.searchQueryMaxCodePoints} characters`,
  );
/** Some settings have defaults for old settings files; a change names only what it changes. */
const settingsChanges = z
  .strictObject({
    ...settingsSchema.shape,
    readReceipts: z.boolean(),
    doNotDisturbUntil: z.number().int().nonnegative().nullable(),
  })
  .partial();

/** Each request's schema, pinned to the input its implementation takes. */
export const requestSchemas: { [N in RequestName]: z.ZodType<RequestInput<N>> } = {
  register: signIn,
  login: signIn,
  logout: none.or(z.strictObject({ removeCache: z.boolean().optional() })),
  snapshot: none,
  listUsers: none,
  listChats: none,
  openChat: peer,
  closeChat: peer,
  readChat: peer,
  deleteChat: peer,
  loadHistory: z.strictObject({
    who: userId,
    beforeSeq: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(limits.historyMaxLimit).optional(),
  }),
  send,
  retry: clientId,
  discard: clientId,
  typing: peer,
  updateSettings: settingsChanges,
  // Longer than any link a message can usefully hold; the scheme is checked where it is opened.
  openLink: z.strictObject({ url: z.string().min(1).max(2048) }),
  restartToUpdate: none,
  reportProblem: problemReport,
  serverInfo: z.strictObject({ serverUrl }),
  accountInfo: none,
  changePassword: z.strictObject({ current: password, password }),
  // The name rules are the server's: it answers what is wrong with the name.
  rename: z.strictObject({ name: z.string().min(1).max(200) }),
  listSessions: none,
  endSession: z.strictObject({ id: z.string().min(1).max(200) }),
  endOtherSessions: none,
  deleteAccount: z.strictObject({ password }),
  adminUsers,
  adminAction,
  adminCreateUser: z.strictObject({ name: z.string().min(1).max(200) }),
  adminInvites: none,
  adminCreateInvite: newInvite,
  adminRevokeInvite: inviteId,
  beginFile: z.strictObject({ name: fileName, size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }),
  appendFile: z.strictObject({ stagedId, data: piece }),
  finishFile: staged,
  dropFile: staged,
  fileUrl: storedFile,
  openFile: storedFile,
  saveFile: storedFile,
  cancelSend: clientId,
  avatarUrl: z.strictObject({ avatar: fileIdSchema }),
  setAvatar: staged,
  removeAvatar: none,
  recall: oneMessage,
  editMessage: z.strictObject({ who: userId, id: messageId, content: text }),
  hideMessage: oneMessage,
  forward: z.strictObject({ from: userId, id: messageId, to: userId }),
  pinChat: z.strictObject({ who: userId, pinned: z.boolean() }),
  muteChat: z.strictObject({ who: userId, muted: z.boolean() }),
  markUnread: peer,
  // '' removes the draft; a draft is at most what one message may hold.
  saveDraft: z.strictObject({ who: userId, text: caption }),
  searchMessages: z.strictObject({ q: query, who: userId.optional() }),
  loadAround: z.strictObject({ who: userId, seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
};
