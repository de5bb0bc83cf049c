// Node runtime. The administrator's calls to the server's HTTP API: the session's token as a
// bearer, through the one HTTP call the account requests use (account/http-call.ts).
import type { z } from 'zod';
import { httpDone, httpResult, type CallOptions } from '../account/http-call.js';

export interface Authorized {
  serverUrl: string;
  token: string;
}

/** Calls `method path` and returns its body as `schema` reads it (`null` schema: no body, e.g. 204). */
export function callServer<T>(
  { serverUrl, token }: Authorized,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  schema: z.ZodType<T> | null,
  body?: unknown,
  options?: CallOptions,
): Promise<T> {
  const call = { method, serverUrl, route: path, token, ...(body === undefined ? {} : { body }) };
  return schema === null ? (httpDone(call, options) as Promise<T>) : httpResult(call, schema, options);
}
