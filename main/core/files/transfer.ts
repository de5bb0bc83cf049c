// Node runtime. Files to and from the server's HTTP API (docs/protocol.md "Files"), streamed
// from and to disk so a large file is never held in memory, with the signed-in user's token.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { open } from 'node:fs/promises';
import type { Attachment } from '../../../protocol/contract.js';
import { serverInfo } from '../account/account-api.js';
import { notUnderstood, unexpected } from '../account/http-call.js';
import { parseServerUrl } from '../account/server-url.js';
import { failure, FailureError } from '../failure.js';
import { attachmentSchema } from '../protocol-schemas.js';

export interface Signed {
  serverUrl: string;
  token: string;
}

export interface UploadInput {
  file: string;
  name: string;
  size: number;
  /** Bytes handed to the connection so far. */
  progress?: (sent: number) => void;
  signal?: AbortSignal;
}

/**
 * POST /api/files: the file's bytes streamed as the body; answers the server's record of it.
 * A server that refuses a file too large answers 413 and closes while the body is still going;
 * when the broken write wins over that answer, the server's stated limit tells the two apart,
 * so the refusal is final rather than retried as a lost connection.
 */
export async function upload(to: Signed, route: string, input: UploadInput): Promise<Attachment> {
  try {
    return await streamUpload(to, route, input);
  } catch (error) {
    if (!(error instanceof FailureError) || error.failure.code !== 'offline') throw error;
    const limit = await serverInfo(to.serverUrl).then(
      (info) => info.limits.maxUploadBytes,
      // No answer there either: the lost connection is the failure to report.
      () => undefined,
    );
    if (limit !== undefined && input.size > limit) {
      throw failure('too_large', `The file is larger than this server accepts (${Math.floor(limit / 1048576)} MB).`);
    }
    throw error;
  }
}

/** Node's http client rather than fetch: the server's early answer is read even while the body still goes. */
function streamUpload(to: Signed, route: string, input: UploadInput): Promise<Attachment> {
  const url = new URL(route, parseServerUrl(to.serverUrl));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Attachment>((resolve, reject) => {
    let answered = false;
    const request = client.request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${to.token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(input.size),
        'x-file-name': encodeURIComponent(input.name),
      },
      signal: input.signal,
    });
    request.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => reject(cutOff(url, input.signal, error)));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const body = parseJson(Buffer.concat(chunks).toString('utf8'));
        const ok = status >= 200 && status < 300;
        if (!ok) return reject(unexpected({ ok, status, body }));
        const parsed = attachmentSchema.safeParse(body);
        if (parsed.success) resolve(parsed.data);
        else reject(notUnderstood(status));
      });
    });
    request.on('error', (error) => {
      if (!answered) reject(cutOff(url, input.signal, error));
    });
    let sent = 0;
    const source = createReadStream(input.file, { highWaterMark: 256 * 1024 });
    source.on('data', (chunk) => {
      sent += chunk.length;
      input.progress?.(sent);
    });
    source.on('error', (error) => request.destroy(error));
    source.pipe(request);
  });
}

function cutOff(url: URL, signal: AbortSignal | undefined, cause: unknown): FailureError {
  if (signal?.aborted) return failure('conflict', 'The upload was cancelled.', { cause });
  return failure('offline', `Cannot reach the server at ${url.host}. Check your connection.`, { cause });
}

/** PUT or DELETE of a small body (the avatar): read whole, it is at most a few MB. */
export async function call(to: Signed, route: string, init: RequestInit): Promise<Response> {
  const response = await send(to, route, init);
  if (!response.ok) throw unexpected({ ok: false, status: response.status, body: await bodyJson(response) });
  return response;
}

export async function readJson<T>(
  response: Response,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
): Promise<T> {
  const body = await bodyJson(response);
  if (!response.ok) throw unexpected({ ok: false, status: response.status, body });
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw notUnderstood(response.status);
  return parsed.data;
}

export interface DownloadInput {
  /** Written here (created, owner-only); the caller renames or removes it. */
  file: string;
  /** The bytes must hash to this, or the download is refused. */
  sha256?: string;
  progress?: (received: number, total: number) => void;
}

/** GET a file into `file`; answers its hash and size. A 404 is `not_found`. */
export async function download(
  from: Signed,
  route: string,
  input: DownloadInput,
): Promise<{ sha256: string; size: number; mime: string }> {
  const response = await send(from, route, { method: 'GET' });
  if (!response.ok || !response.body) {
    throw unexpected({ ok: false, status: response.status, body: await bodyJson(response) });
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  const mime = response.headers.get('content-type')?.split(';')[0]?.trim() ?? 'application/octet-stream';
  const hash = createHash('sha256');
  const handle = await open(input.file, 'wx', 0o600);
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      await handle.write(chunk);
      size += chunk.length;
      input.progress?.(size, Math.max(total, size));
    }
    await handle.sync();
  } catch (error) {
    if (error instanceof FailureError) throw error;
    throw failure('offline', 'The download was cut off. Try again.', { cause: error });
  } finally {
    await handle.close();
  }
  const sha256 = hash.digest('hex');
  if (input.sha256 !== undefined && sha256 !== input.sha256) {
    throw failure('internal', 'The downloaded file is not the one the message names; it was not kept.');
  }
  return { sha256, size, mime };
}

async function send(to: Signed, route: string, init: RequestInit): Promise<Response> {
  const url = new URL(route, parseServerUrl(to.serverUrl));
  try {
    return await fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${to.token}` },
      redirect: 'manual',
    });
  } catch (error) {
    if (init.signal?.aborted) throw failure('conflict', 'The upload was cancelled.', { cause: error });
    throw failure('offline', `Cannot reach the server at ${url.host}. Check your connection.`, { cause: error });
  }
}

async function bodyJson(response: Response): Promise<unknown> {
  return parseJson(await response.text().catch(() => ''));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: read as "not understood" by the caller.
    return undefined;
  }
}
