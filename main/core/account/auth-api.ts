// Node runtime. Register, sign in and sign out over the server's HTTP API (docs/protocol.md § 5).
// Every outcome other than success is a FailureError the renderer can show as it is.
import { z } from 'zod';
import { httpPaths, type Role } from '../../../protocol/contract.js';
import type { Account } from '../../ipc/contract.js';
import { httpCall, httpResult, unexpected, type CallOptions } from './http-call.js';

export { parseServerUrl } from './server-url.js';

export interface Credentials {
  name: string;
  password: string;
}

export interface Registration extends Credentials {
  /** The invite code a server whose registration is `invite` asks for. */
  invite?: string;
}

export interface Session {
  user: Account['user'];
  token: string;
}

export type AuthOptions = CallOptions;

const roleSchema = z.enum(['admin', 'member']) satisfies z.ZodType<Role>;
const sessionBody = z.object({
  user: z.object({
    id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    name: z.string().min(1),
    // An older server sends none; an unknown role is as good as none.
    role: roleSchema.optional().catch(undefined),
  }),
  token: z.string().min(1),
}) satisfies z.ZodType<Session>;

export function register(
  serverUrl: string,
  registration: Registration & { device?: string },
  options: AuthOptions = {},
): Promise<Session> {
  const { name, password, invite, device } = registration;
  const body = { name, password, invite, device };
  return httpResult({ method: 'POST', serverUrl, route: httpPaths.register, body }, sessionBody, options);
}

export interface Login extends Credentials {
  /** Labels the new session in the user's list of sessions. */
  device?: string;
}

export function login(serverUrl: string, credentials: Login, options: AuthOptions = {}): Promise<Session> {
  const body = { name: credentials.name, password: credentials.password, device: credentials.device };
  return httpResult({ method: 'POST', serverUrl, route: httpPaths.login, body }, sessionBody, options);
}

/** Ends this device's session on the server. A token the server no longer knows is already ended. */
export async function logout(serverUrl: string, token: string, options: AuthOptions = {}): Promise<void> {
  const answer = await httpCall({ method: 'POST', serverUrl, route: httpPaths.logout, token }, options);
  if (answer.ok || answer.status === 401) return;
  throw unexpected(answer);
}
