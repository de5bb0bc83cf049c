// Server: avatars — PUT /api/me/avatar (a PNG, JPEG, GIF or WebP as the raw body), DELETE
// /api/me/avatar, GET /api/avatars/<id> for any signed-in user. Each new image gets a new id, so
// an avatar's bytes never change and may be cached for good.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { AvatarResponse, UserUpdate } from '../../protocol/contract.js';
import { isInlineImage } from '../../protocol/attachments.js';
import { ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';
import type { Session } from '../accounts/accounts.js';
import { sendJson, StatusError } from '../http/error-response.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Timers } from '../timers.js';
import type { BlobStore } from './blob-store.js';
import { serveBlob } from './download.js';
import { sniff } from './sniff.js';
import { uploadIdleMs } from './upload.js';

export interface AvatarDeps {
  store: Store;
  blobs: BlobStore;
  logger: Logger;
  /** Tells the user's devices and everyone who shows them (accounts/user-updates.ts). */
  announce: (update: UserUpdate) => Promise<void>;
  /** The idle timeout's timers, as for uploads. */
  timers: Timers;
}

export async function setAvatar(deps: AvatarDeps, session: Session, req: IncomingMessage, res: ServerResponse) {
  const image = await readImage(req, res, deps.timers);
  const { mime } = await sniff(image);
  if (!isInlineImage(mime)) {
    throw new ProtocolError('bad_request', 'An avatar must be a PNG, JPEG, GIF or WebP image.');
  }
  const avatar = { id: randomBytes(16).toString('base64url'), userId: session.user.id, mime };
  const blobKey = randomBytes(18).toString('base64url');
  await deps.blobs.put(blobKey, Readable.from([image]), image.length);
  try {
    await deps.store.setAvatar(session.user.id, { ...avatar, blobKey });
  } catch (error) {
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw error;
  }
  const answer: AvatarResponse = { avatar: avatar.id };
  sendJson(res, 200, answer);
  await announce(deps, session.user.id, avatar.id);
}

export async function removeAvatar(deps: AvatarDeps, session: Session, res: ServerResponse) {
  await deps.store.setAvatar(session.user.id, null);
  res.writeHead(204).end();
  await announce(deps, session.user.id, undefined);
}

/** With the name as it is now: the session's copy may predate a rename. */
async function announce(deps: AvatarDeps, userId: number, avatar: string | undefined): Promise<void> {
  const account = await deps.store.credentialsOf(userId);
  if (!account) return;
  await deps.announce(
    avatar === undefined ? { id: userId, name: account.name } : { id: userId, name: account.name, avatar },
  );
}

export async function getAvatar(deps: AvatarDeps, id: string, req: IncomingMessage, res: ServerResponse) {
  const avatar = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await deps.store.findAvatar(id) : null;
  if (!avatar) throw new ProtocolError('not_found', 'There is no such avatar.');
  await serveBlob(
    deps.blobs,
    deps.logger,
    {
      blobKey: avatar.blobKey,
      mime: avatar.mime,
      etag: avatar.id,
      inline: true,
      cacheControl: 'private, max-age=31536000, immutable',
    },
    req,
    res,
  );
}

/** The body, at most limits.maxAvatarBytes, refused before reading when it says it is larger. */
function readImage(req: IncomingMessage, res: ServerResponse, timers: Timers): Promise<Buffer> {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d{1,16}$/.test(header)) {
    throw new StatusError(411, 'bad_request', 'An avatar upload needs a Content-Length header.');
  }
  const size = Number(header);
  if (size > limits.maxAvatarBytes) {
    throw new ProtocolError('too_large', `An avatar can be at most ${limits.maxAvatarBytes} bytes.`);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let idle: unknown;
    const stop = () => timers.clearTimeout(idle);
    const wait = () => {
      stop();
      idle = timers.setTimeout(() => {
        req.pause();
        res.setHeader('connection', 'close');
        reject(new StatusError(408, 'bad_request', `The upload sent nothing for ${uploadIdleMs / 1000} s.`));
      }, uploadIdleMs);
    };
    wait();
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      wait();
    });
    req.on('error', (error) => {
      stop();
      reject(error);
    });
    req.on('end', () => {
      stop();
      resolve(Buffer.concat(chunks));
    });
  });
}
