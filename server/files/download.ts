// Server: sends a blob as an HTTP answer — whole, or one byte range (206) — streamed from the
// blob store, with headers that keep a browser-like client from running or sniffing it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import contentDisposition from 'content-disposition';
import parseRange from 'range-parser';
import { StatusError } from '../http/error-response.js';
import type { Logger } from '../logger.js';
import { BlobMissing, type BlobStore, type ByteRange } from './blob-store.js';

export interface Served {
  blobKey: string;
  /** Unknown (avatars): sent whole, without Content-Length, and Range is ignored. */
  size?: number;
  mime: string;
  etag: string;
  /** A file name: sent as a download (Content-Disposition: attachment) unless `inline`. */
  name?: string;
  inline: boolean;
  cacheControl: string;
}

export async function serveBlob(
  blobs: BlobStore,
  logger: Logger,
  served: Served,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const range = served.size === undefined ? undefined : requestedRange(req, res, served.size);
  const length = range ? range.end - range.start + 1 : served.size;
  const body = req.method === 'HEAD' || length === 0 ? undefined : await open(blobs, logger, served.blobKey, range);
  res.setHeader('content-type', served.mime);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-security-policy', "default-src 'none'; sandbox");
  if (length !== undefined) res.setHeader('accept-ranges', 'bytes');
  res.setHeader('etag', `"${served.etag}"`);
  res.setHeader('cache-control', served.cacheControl);
  if (served.name !== undefined || !served.inline) {
    res.setHeader(
      'content-disposition',
      contentDisposition(served.name ?? 'file', { type: served.inline ? 'inline' : 'attachment' }),
    );
  }
  if (length !== undefined) res.setHeader('content-length', length);
  if (range) res.setHeader('content-range', `bytes ${range.start}-${range.end}/${served.size!}`);
  const status = range ? 206 : 200;
  if (!body) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status);
  await new Promise<void>((resolve) =>
    pipeline(body, res, (error) => {
      // Headers are out: a failure can only cut the answer short, which the client sees.
      if (error && !res.writableFinished) logger.debug(`a download of ${served.blobKey} ended early: ${error.message}`);
      resolve();
    }),
  );
}

async function open(blobs: BlobStore, logger: Logger, blobKey: string, range: ByteRange | undefined) {
  try {
    return await blobs.get(blobKey, range);
  } catch (error) {
    if (!(error instanceof BlobMissing)) throw error;
    logger.error(`blob ${blobKey} is missing`, error);
    throw new StatusError(404, 'not_found', 'There is no such file.');
  }
}

/** The one range asked for, or undefined for the whole blob (no Range, or several ranges). */
export function requestedRange(req: IncomingMessage, res: ServerResponse, size: number): ByteRange | undefined {
  const header = req.headers.range;
  if (header === undefined) return undefined;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -2 || (Array.isArray(ranges) && ranges.type !== 'bytes')) return undefined;
  if (ranges === -1) {
    res.setHeader('content-range', `bytes */${size}`);
    throw new StatusError(416, 'bad_request', `The range is outside the file's ${size} bytes.`);
  }
  if (ranges.length !== 1) return undefined;
  return { start: ranges[0]!.start, end: ranges[0]!.end };
}
