// Node runtime. Authenticated calls to the server's HTTP API (docs/protocol.md § 4): the
// session token as a bearer, a JSON body both ways, no redirects, a time limit, and every
// outcome other than a success the schema accepts turned into a FailureError the renderer can
// show as it is.
import { z } from 'zod';
import { parseServerUrl } from '../account/auth-api.js';
import { failure, FailureError } from '../failure.js';
import { errorBodySchema } from '../protocol-schemas.js';

export interface Authorized {
  serverUrl: string;
  token: string;
}

export interface CallOptions {
  timeoutMs?: number;
}

const defaultTimeoutMs = 10_000;
const errorBody = z.object({ error: errorBodySchema });

/** Calls `method path` and returns its body as `schema` reads it (`null` schema: no body, e.g. 204). */
export async function callServer<T>(
  { serverUrl, token }: Authorized,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  schema: z.ZodType<T> | null,
  body?: unknown,
  options: CallOptions = {},
): Promise<T> {
  if (!/^[\x21-\x7e]+$/.test(token)) throw failure('bad_request', 'The saved session cannot be sent to the server.');
  const url = new URL(path, parseServerUrl(serverUrl));
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let status: number;
  let answer: unknown;
  try {
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs),
    });
    status = response.status;
    answer = parseJson(await response.text());
    if (!response.ok) throw refusal(status, answer);
  } catch (error) {
    if (error instanceof FailureError) throw error;
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const message = timedOut
      ? `The server at ${url.host} did not answer in time. Try again in a moment.`
      : `Cannot reach the server at ${url.host}. Check your connection.`;
    throw failure('offline', message, { cause: error });
  }
  if (schema === null) return undefined as T;
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw notUnderstood(status);
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Read as "not understood" below; the SyntaxError would quote the body.
    return undefined;
  }
}

/** The server's own failure when it sent one; otherwise an answer this client does not understand. */
function refusal(status: number, body: unknown): FailureError {
  const known = errorBody.safeParse(body);
  if (known.success) return new FailureError({ code: known.data.error.code, message: known.data.error.message });
  return notUnderstood(status);
}

function notUnderstood(status: number): FailureError {
  return failure('internal', `The server gave an answer this app does not understand (HTTP ${status}).`);
}
