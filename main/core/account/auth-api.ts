// Register, sign in and sign out over the server's HTTP API (docs/protocol.md § 5). Every
// outcome other than success is a FailureError the renderer can show as it is.
import { z } from 'zod';
import { httpPaths } from '../../../protocol/contract.js';
import type { Account } from '../../ipc/contract.js';
import { failure, FailureError } from '../failure.js';
import { errorBodySchema } from '../protocol-schemas.js';

export interface Credentials {
  name: string;
  password: string;
}

export interface Session {
  user: Account['user'];
  token: string;
}

export interface AuthOptions {
  /** How long to wait for the server's whole answer. */
  timeoutMs?: number;
}

const defaultTimeoutMs = 10_000;

const sessionBody = z.object({
  user: z.object({
    id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    name: z.string().min(1),
    role: z.enum(['admin', 'member']).optional().catch(undefined),
  }),
  token: z.string().min(1),
}) satisfies z.ZodType<Session>;
const errorBody = z.object({ error: errorBodySchema });

export function register(serverUrl: string, credentials: Credentials, options: AuthOptions = {}): Promise<Session> {
  return signIn(httpPaths.register, serverUrl, credentials, options);
}

export function login(serverUrl: string, credentials: Credentials, options: AuthOptions = {}): Promise<Session> {
  return signIn(httpPaths.login, serverUrl, credentials, options);
}

/** Ends this device's session on the server. A token the server no longer knows is already ended. */
export async function logout(serverUrl: string, token: string, options: AuthOptions = {}): Promise<void> {
  if (!/^[\x21-\x7e]+$/.test(token)) throw failure('bad_request', 'The saved session cannot be sent to the server.');
  const response = await post(serverUrl, httpPaths.logout, { authorization: `Bearer ${token}` }, undefined, options);
  if (response.ok || response.status === 401) return;
  throw unexpected(response);
}

/**
 * The server address as a URL: http or https, with no user name or password, and nothing
 * after the host and port — Socket.IO would read a path as a namespace.
 */
export function parseServerUrl(serverUrl: string): URL {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw failure(
      'bad_request',
      `"${serverUrl.slice(0, 80)}" is not a server address. Try something like http://127.0.0.1:4860.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw failure('bad_request', 'The server address must start with http:// or https://.');
  }
  if (url.username || url.password) {
    throw failure('bad_request', 'The server address must not contain a user name or password.');
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw failure('bad_request', `The server address is only its host and port, like ${url.origin}.`);
  }
  return url;
}

async function signIn(
  route: string,
  serverUrl: string,
  credentials: Credentials,
  options: AuthOptions,
): Promise<Session> {
  const body = { name: credentials.name, password: credentials.password };
  const response = await post(serverUrl, route, { 'content-type': 'application/json' }, JSON.stringify(body), options);
  if (!response.ok) throw unexpected(response);
  const session = sessionBody.safeParse(response.body);
  if (!session.success) throw notUnderstood(response.status);
  return session.data;
}

interface Answer {
  ok: boolean;
  status: number;
  /** The parsed JSON body, or undefined when there is none or it is not JSON. */
  body: unknown;
}

async function post(
  serverUrl: string,
  route: string,
  headers: Record<string, string>,
  body: string | undefined,
  options: AuthOptions,
): Promise<Answer> {
  const url = new URL(route, parseServerUrl(serverUrl));
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      // A redirect would resend the password to wherever it points.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { ok: response.ok, status: response.status, body: parseJson(text) };
  } catch (error) {
    throw offline(url, error);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Read as "not understood" by the caller. The SyntaxError goes nowhere: it would quote a
    // body that may hold a token.
    return undefined;
  }
}

/** The server's own failure when it sent one; otherwise an answer this client does not understand. */
function unexpected(response: Answer): FailureError {
  const known = errorBody.safeParse(response.body);
  if (known.success) return new FailureError({ code: known.data.error.code, message: known.data.error.message });
  return notUnderstood(response.status);
}

function notUnderstood(status: number): FailureError {
  return failure('internal', `The server gave an answer this app does not understand (HTTP ${status}).`);
}

function offline(url: URL, cause: unknown): FailureError {
  const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
  const message = timedOut
    ? `The server at ${url.host} did not answer in time. Try again in a moment.`
    : `Cannot reach the server at ${url.host}. Check the address and your connection.`;
  return failure('offline', message, { cause });
}
