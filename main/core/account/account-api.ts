// Node runtime. The signed-in user's own account over HTTP (docs/protocol.md § 5): who they
// are, their password, name and sessions, and leaving. Also what a server tells anyone before
// sign-in (GET /api/server-info).
import { z } from 'zod';
import { statedLimits } from '../../../protocol/limits.js';
import {
  httpPaths,
  registrationModes,
  type AccountInfo,
  type AccountSettings,
  type ServerInfo,
  type SessionInfo,
} from '../../../protocol/contract.js';
import { httpCall, httpDone, httpResult, notUnderstood, unexpected, type CallOptions } from './http-call.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().nonnegative();

export const accountInfoSchema = z.object({
  id,
  name: z.string().min(1),
  role: z.enum(['admin', 'member']),
  readReceipts: z.boolean().optional(),
  avatar: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
}) satisfies z.ZodType<AccountInfo>;

const accountSettingsSchema = z.object({ readReceipts: z.boolean() }) satisfies z.ZodType<AccountSettings>;

const serverInfoSchema = z.object({
  registration: z.enum(registrationModes),
  limits: z.object({
    nameMaxCodePoints: count,
    passwordMinCodePoints: count,
    passwordMaxCodePoints: count,
    contentMaxCodePoints: count,
    maxUploadBytes: count.optional(),
    attachmentsMax: count.optional(),
  }),
}) satisfies z.ZodType<ServerInfo>;

const sessionInfoSchema = z.object({
  id: z.string().min(1),
  device: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  current: z.boolean().optional(),
}) satisfies z.ZodType<SessionInfo>;
const sessionsBody = z.object({ sessions: z.array(sessionInfoSchema) });
const endedBody = z.object({ ended: count });

/** What a server older than server-info allows: anyone may register, with this app's limits. */
export const olderServerInfo: ServerInfo = { registration: 'open', limits: statedLimits };

/** Who may register there, and its limits; a server from before server-info (404) is `open`. */
export async function serverInfo(serverUrl: string, options?: CallOptions): Promise<ServerInfo> {
  const answer = await httpCall({ method: 'GET', serverUrl, route: httpPaths.serverInfo }, options);
  if (answer.status === 404) return olderServerInfo;
  if (!answer.ok) throw unexpected(answer);
  const parsed = serverInfoSchema.safeParse(answer.body);
  if (!parsed.success) throw notUnderstood(answer.status);
  return parsed.data;
}

/** The signed-in user's account on one server: each call is made with their token. */
export class AccountApi {
  constructor(
    private readonly serverUrl: string,
    private readonly token: string,
    private readonly options: CallOptions = {},
  ) {}

  info(): Promise<AccountInfo> {
    return httpResult(this.call('GET', httpPaths.account), accountInfoSchema, this.options);
  }

  /** PUT /api/account/settings: what every device of the user shares. */
  saveSettings(settings: AccountSettings): Promise<AccountSettings> {
    return httpResult(this.call('PUT', httpPaths.accountSettings, settings), accountSettingsSchema, this.options);
  }

  changePassword(current: string, password: string): Promise<void> {
    return httpDone(this.call('POST', httpPaths.accountPassword, { current, password }), this.options);
  }

  rename(name: string): Promise<AccountInfo> {
    return httpResult(this.call('POST', httpPaths.accountName, { name }), accountInfoSchema, this.options);
  }

  /** Most recently used first; `current` marks this device's. */
  async sessions(): Promise<SessionInfo[]> {
    return (await httpResult(this.call('GET', httpPaths.accountSessions), sessionsBody, this.options)).sessions;
  }

  endSession(sessionId: string): Promise<void> {
    const route = httpPaths.accountSession + encodeURIComponent(sessionId);
    return httpDone(this.call('DELETE', route), this.options);
  }

  /** How many sessions ended. */
  async endOtherSessions(): Promise<number> {
    return (await httpResult(this.call('POST', httpPaths.accountEndOtherSessions), endedBody, this.options)).ended;
  }

  deleteAccount(password: string): Promise<void> {
    return httpDone(this.call('POST', httpPaths.accountDelete, { password }), this.options);
  }

  private call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, body?: unknown) {
    return { method, serverUrl: this.serverUrl, route, token: this.token, body };
  }
}
