// Node runtime. Where one profile keeps its files, and what the account and settings files
// hold: those two at the top, the log in logs/, and one folder per signed-in user (per server)
// for the cache and the outbox.
import path from 'node:path';
import { z } from 'zod';
import { languages, themes, type Account, type Settings } from '../ipc/contract.js';

export const accountSchema = z.object({
  serverUrl: z.string(),
  user: z.object({
    id: z.number().int().positive(),
    name: z.string(),
    role: z.enum(['admin', 'member']).optional(),
    avatar: z.string().optional(),
  }),
}) satisfies z.ZodType<Account>;

export const settingsSchema = z.object({
  hideContent: z.boolean(),
  closeToTray: z.boolean(),
  doNotDisturb: z.boolean(),
  // A settings file from before the timed Do not disturb has none: it lasts until turned off.
  doNotDisturbUntil: z.number().int().nonnegative().nullable().default(null),
  startAtLogin: z.boolean(),
  theme: z.enum(themes),
  language: z.enum(languages),
  // A settings file from before read receipts has none: they are on, as on the server.
  readReceipts: z.boolean().default(true),
}) satisfies z.ZodType<Settings>;

export const accountFile = z.object({ version: z.literal(1), account: accountSchema.nullable() });
export type AccountFile = z.infer<typeof accountFile>;
export const settingsFile = z.object({ version: z.literal(1), settings: settingsSchema });
export type SettingsFile = z.infer<typeof settingsFile>;

export interface ProfilePaths {
  account: string;
  settings: string;
  token: string;
  /** The app's log: what went wrong, by ids and codes, never message content or the token. */
  log: string;
  /** Files picked for a message and not sent yet (removed at sign-out and at the next start). */
  outgoing: string;
  /** Downloaded and sent files, content-addressed (files/file-cache.ts). */
  files: string;
  /** Copies of cached files under their own names, for the system's opener. */
  opened: string;
  /** Cache and outbox of one user on one server. */
  userDir(serverUrl: string, userId: number): string;
}

export function profilePaths(profileDir: string): ProfilePaths {
  return {
    account: path.join(profileDir, 'account.json'),
    settings: path.join(profileDir, 'settings.json'),
    token: path.join(profileDir, 'session-token'),
    log: path.join(profileDir, 'logs', 'messenger.log'),
    outgoing: path.join(profileDir, 'outgoing'),
    files: path.join(profileDir, 'files'),
    opened: path.join(profileDir, 'opened'),
    userDir: (serverUrl, userId) => path.join(profileDir, 'users', serverFolder(serverUrl), String(userId)),
  };
}

/** A folder name for a server: its host and port, with anything unusual replaced. */
function serverFolder(serverUrl: string): string {
  return new URL(serverUrl).host.replace(/[^A-Za-z0-9.-]/g, '_');
}
