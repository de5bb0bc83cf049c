// Node runtime. Authenticated calls to the server's HTTP API (docs/protocol.md § 4): the
// session token as a bearer, a JSON body both ways, and every outcome other than a success the
// schema accepts turned into a FailureError the renderer can show as it is.
import type { z } from 'zod';
import { notUnderstood, offline, parseJson, parseServerUrl, unexpected } from '../account/auth-api.js';
import { failure } from '../failure.js';

export interface Authorized {
  serverUrl: string;
  token: string;
}

export interface CallOptions {
  timeoutMs?: number;
}

const defaultTimeoutMs = 10_000;

/** Calls `method path` and returns its body as `schema` reads it (204: undefined). */
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
  let answer: { ok: boolean; status: number; body: unknown };
  try {
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs),
    });
    answer = { ok: response.ok, status: response.status, body: parseJson(await response.text()) };
  } catch (error) {
    throw offline(url, error);
  }
  if (!answer.ok) throw unexpected(answer);
  if (schema === null) return undefined as T;
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw notUnderstood(answer.status);
  return parsed.data;
}
