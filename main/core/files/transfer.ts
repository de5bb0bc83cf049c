// Node runtime. Files to and from the server's HTTP API (docs/protocol.md "Files"), streamed
// from and to disk so a large file is never held in memory, with the signed-in user's token.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Attachment } from '../../../protocol/contract.js';
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

/** POST /api/files: the file's bytes as the body; answers the server's record of it. */
export async function upload(to: Signed, route: string, input: UploadInput): Promise<Attachment> {
  let sent = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const stream: AsyncIterable<Buffer> = createReadStream(input.file, { highWaterMark: 256 * 1024 });
    for await (const chunk of stream) {
      sent += chunk.length;
      input.progress?.(sent);
      yield chunk;
    }
  }
  const response = await send(to, route, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(input.size),
      'x-file-name': encodeURIComponent(input.name),
    },
    body: ReadableStream.from(chunks()),
    duplex: 'half',
    signal: input.signal,
  });
  return readJson(response, attachmentSchema);
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
  try {
    return JSON.parse(await response.text());
  } catch {
    // Not JSON: read as "not understood" by the caller.
    return undefined;
  }
}
