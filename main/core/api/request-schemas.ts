// Every request from the renderer is parsed here before the core sees it: the renderer is
// treated like any other untrusted sender.
import { z } from 'zod';
import type { RequestName } from '../../ipc/contract.js';
import { parseServerUrl } from '../account/auth-api.js';

const userId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const peer = z.strictObject({ who: userId });
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
      return false;
    }
  }, 'must be an http(s) address of a server, without a user name, password or path');

const signIn = z.strictObject({
  serverUrl,
  name: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

export const requestSchemas: Record<RequestName, z.ZodType> = {
  register: signIn,
  login: signIn,
  logout: none,
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
    limit: z.number().int().min(1).max(200).optional(),
  }),
  // Length and content rules are the server's: a refused message is kept as failed.
  send: z.strictObject({ to: userId, content: z.string().min(1).max(100_000) }),
  retry: z.strictObject({ clientId: z.string().min(1).max(64) }),
  discard: z.strictObject({ clientId: z.string().min(1).max(64) }),
  typing: peer,
  updateSettings: z.strictObject({
    hideContent: z.boolean().optional(),
    closeToTray: z.boolean().optional(),
    doNotDisturb: z.boolean().optional(),
    startAtLogin: z.boolean().optional(),
    theme: z.enum(['light', 'dark', 'system']).optional(),
    language: z.enum(['en', 'zh']).optional(),
  }),
};
