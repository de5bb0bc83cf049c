// Node runtime. One HTTP call to the server's API (docs/protocol.md § 5): JSON in and out, a
// time limit, no redirects, and every outcome other than success a FailureError the renderer
// can show as it is.
import { z } from 'zod';
import { failure, FailureError } from '../failure.js';
import { errorBodySchema } from '../protocol-schemas.js';
import { parseServerUrl } from './server-url.js';

export interface CallOptions {
  /** How long to wait for the server's whole answer. */
  timeoutMs?: number;
}

export interface Answer {
  ok: boolean;
  status: number;
  /** The parsed JSON body, or undefined when there is none or it is not JSON. */
  body: unknown;
}

export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  serverUrl: string;
  route: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
}

const defaultTimeoutMs = 10_000;
const errorBody = z.object({ error: errorBodySchema });

/** The server's answer, whatever its status; rejects only when there is none (offline, timed out). */
export async function httpCall(call: Call, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(call.route, parseServerUrl(call.serverUrl));
  const headers: Record<string, string> = {};
  if (call.token !== undefined) headers.authorization = `Bearer ${tokenHeader(call.token)}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(url, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      // A redirect would resend the password or token to wherever it points.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs),
    });
    const text = await response.text();
    return { ok: response.ok, status: response.status, body: parseJson(text) };
  } catch (error) {
    throw offline(url, error);
  }
}

/** A successful answer's body read with `schema`; any other answer thrown as a FailureError. */
export async function httpResult<T>(call: Call, schema: z.ZodType<T>, options?: CallOptions): Promise<T> {
  const answer = await httpCall(call, options);
  if (!answer.ok) throw unexpected(answer);
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw notUnderstood(answer.status);
  return parsed.data;
}

/** A success with nothing to read (204). */
export async function httpDone(call: Call, options?: CallOptions): Promise<void> {
  const answer = await httpCall(call, options);
  if (!answer.ok) throw unexpected(answer);
}

function tokenHeader(token: string): string {
  if (!/^[\x21-\x7e]+$/.test(token)) throw failure('bad_request', 'The saved session cannot be sent to the server.');
  return token;
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
export function unexpected(answer: Answer): FailureError {
  const known = errorBody.safeParse(answer.body);
  if (known.success) {
    const { code, message, field } = known.data.error;
    // The field the server named goes on, so the form can say it beside that field.
    return new FailureError(field ? { code, message, field } : { code, message });
  }
  return notUnderstood(answer.status);
}

export function notUnderstood(status: number): FailureError {
  return failure('internal', `The server gave an answer this app does not understand (HTTP ${status}).`);
}

function offline(url: URL, cause: unknown): FailureError {
  const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
  const message = timedOut
    ? `The server at ${url.host} did not answer in time. Try again in a moment.`
    : `Cannot reach the server at ${url.host}. Check the address and your connection.`;
  return failure('offline', message, { cause });
}
