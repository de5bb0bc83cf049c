// Server: POST /api/files — one file as the raw request body, streamed to the blob store while a
// tap counts, hashes and keeps its first bytes; recorded (unattached) only once its bytes are
// durable, so a body that fails or ends short leaves nothing readable behind.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Attachment } from '../../protocol/contract.js';
import { ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';
import { codePoints } from '../../protocol/text.js';
import type { Session } from '../accounts/accounts.js';
import { sendJson, StatusError } from '../http/error-response.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Timers } from '../timers.js';
import type { BlobStore } from './blob-store.js';
import { sniff } from './sniff.js';
import { UploadTap } from './upload-tap.js';

export interface UploadDeps {
  store: Store;
  blobs: BlobStore;
  logger: Logger;
  maxUploadBytes: number;
  now: () => number;
  timers: Timers;
  uploads: UploadCounts;
}

/** Uploads one user may run at once (on one node). */
export const uploadsPerUser = 4;
/** Uploads one user may hold that no message carries yet. */
export const unattachedPerUser = 1000;
/** An upload that sends no byte for this long is aborted. */
export const uploadIdleMs = 30_000;
const busyRetryAfterMs = 1000;

/** Uploads running now, per user. */
export class UploadCounts {
  private readonly running = new Map<number, number>();

  /** Counts one more for the user, or refuses when they run `uploadsPerUser` already. */
  begin(userId: number): () => void {
    const now = this.running.get(userId) ?? 0;
    if (now >= uploadsPerUser) {
      throw new ProtocolError(
        'rate_limited',
        `You can upload at most ${uploadsPerUser} files at once; try again when one has finished.`,
        busyRetryAfterMs,
      );
    }
    this.running.set(userId, now + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.running.get(userId) ?? 1) - 1;
      if (left === 0) this.running.delete(userId);
      else this.running.set(userId, left);
    };
  }
}

export async function upload(deps: UploadDeps, session: Session, req: IncomingMessage, res: ServerResponse) {
  const size = declaredSize(req, deps.maxUploadBytes);
  const name = fileName(req.headers['x-file-name']);
  const uploader = session.user.id;
  const end = deps.uploads.begin(uploader);
  try {
    if ((await deps.store.countUnattached(uploader, unattachedPerUser)) >= unattachedPerUser) {
      throw new ProtocolError(
        'rate_limited',
        `You have ${unattachedPerUser} uploaded files not sent in any message; send or cancel some first ` +
          `(unsent uploads are removed ${limits.unattachedUploadTtlMs / 3_600_000} h after they finish).`,
        limits.unattachedUploadTtlMs,
      );
    }
    const blobKey = randomBytes(18).toString('base64url');
    const tap = await receive(deps, req, res, blobKey, size);
    const file: Attachment = {
      id: randomBytes(16).toString('base64url'),
      name,
      size,
      sha256: tap.sha256(),
      ...(await sniff(tap.head())),
    };
    try {
      await deps.store.createFile({ ...file, uploader, blobKey, createdAt: deps.now() });
    } catch (error) {
      await forget(deps, blobKey);
      throw error;
    }
    deps.logger.debug(`user ${uploader} uploaded ${file.id} (${size} bytes, ${file.mime})`);
    sendJson(res, 201, file);
  } finally {
    end();
  }
}

/** Streams the body into the blob store; rejects (having deleted the blob) unless every byte came. */
async function receive(
  deps: UploadDeps,
  req: IncomingMessage,
  res: ServerResponse,
  blobKey: string,
  size: number,
): Promise<UploadTap> {
  let idle: unknown;
  const stopIdle = () => deps.timers.clearTimeout(idle);
  const tap = new UploadTap(() => {
    stopIdle();
    idle = deps.timers.setTimeout(abortIdle, uploadIdleMs);
  });
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
    tap.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  // The client hears why (408), then the connection closes with the rest of the body unread.
  const abortIdle = () => {
    res.setHeader('connection', 'close');
    req.unpipe(tap);
    fail(new StatusError(408, 'bad_request', `The upload sent nothing for ${uploadIdleMs / 1000} s.`));
  };
  idle = deps.timers.setTimeout(abortIdle, uploadIdleMs);
  // Not pipeline: it would destroy the request, and with it the connection the 408 goes out on.
  req.on('error', fail);
  req.on('close', () => {
    if (!req.complete) fail(new Error('the connection closed before the body ended'));
  });
  req.pipe(tap);
  try {
    await deps.blobs.put(blobKey, tap, size);
    if (tap.size !== size) throw new Error(`the body had ${tap.size} bytes, not ${size}`);
    return tap;
  } catch (error) {
    await forget(deps, blobKey);
    throw failure ?? error;
  } finally {
    stopIdle();
  }
}

async function forget(deps: UploadDeps, blobKey: string): Promise<void> {
  await deps.blobs.delete(blobKey).catch((error: unknown) => {
    deps.logger.warn(`could not delete the blob of a failed upload (${blobKey}): ${String(error)}`);
  });
}

/** Content-Length is required, and over the cap refused before a byte is read. */
function declaredSize(req: IncomingMessage, max: number): number {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d{1,16}$/.test(header)) {
    throw new StatusError(411, 'bad_request', 'An upload needs a Content-Length header.');
  }
  const size = Number(header);
  if (size > max) {
    throw new ProtocolError('too_large', `A file can be at most ${max} bytes (this one is ${size}).`);
  }
  return size;
}

/** X-File-Name: the name, percent-encoded UTF-8. */
function fileName(header: string | string[] | undefined): string {
  const bad = (why: string) => new ProtocolError('bad_request', `X-File-Name ${why}.`);
  if (typeof header !== 'string') throw bad('is required (the file name, percent-encoded UTF-8)');
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    throw bad('is not percent-encoded UTF-8');
  }
  const length = codePoints(name);
  if (length < 1 || length > limits.fileNameMaxCodePoints) {
    throw bad(`must be 1 to ${limits.fileNameMaxCodePoints} characters`);
  }
  if (/[\p{Cc}/\\]/u.test(name)) throw bad('must not contain control characters, / or \\');
  return name;
}
