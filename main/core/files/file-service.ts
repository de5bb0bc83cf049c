// Node runtime. The renderer's file requests (main/ipc/files-contract.ts) that are not about
// sending: staging, the profile's cache and its downloads, open and save, avatars, and which
// images the page may load from `/files/<sha256>`.
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { isInlineImage } from '../../../protocol/attachments.js';
import { httpPaths, type AvatarResponse } from '../../../protocol/contract.js';
import { limits } from '../../../protocol/limits.js';
import {
  fileLimits,
  type AppendFileInput,
  type AvatarInput,
  type BeginFileInput,
  type FileInput,
  type FileUrl,
  type SavedFile,
  type StagedFile,
  type StagedFileInput,
} from '../../ipc/files-contract.js';
import { serverInfo } from '../account/account-api.js';
import type { DesktopFiles, ServedFile } from '../bridge.js';
import type { Emit } from '../chats/chat-session.js';
import { failure } from '../failure.js';
import type { Logger } from '../log/logger.js';
import type { Outbox, OutboxItem } from '../outbox/outbox.js';
import type { ProfilePaths } from '../profile.js';
import { privateDirMode } from '../storage/durable-write.js';
import { FileCache } from './file-cache.js';
import { fileUrlPath } from './file-facts.js';
import { safeFileName } from './file-names.js';
import { StagedFiles } from './staging.js';
import { call, download, readJson, type Signed } from './transfer.js';
import { z } from 'zod';

export interface FileServiceDeps {
  paths: ProfilePaths;
  /** The signed-in user's server and token; null when signed out. */
  signedIn(): Signed | null;
  /** An unsent message's image (its bytes in the outbox), for the page. */
  outboxImage(sha256: string): ServedFile | null;
  emit: Emit;
  desktop: DesktopFiles;
  cacheCapBytes: number;
  now: () => number;
  logger: Logger;
}

const fallbackMaxUploadBytes = limits.defaultMaxUploadMb * 1024 * 1024;
const servedPath = /^\/files\/([0-9a-f]{64})$/;
/** Download progress events per file: at most one per this many ms. */
const progressEveryMs = 100;
const avatarBody = z.object({ avatar: z.string().min(1) }) satisfies z.ZodType<AvatarResponse>;

export class FileService {
  /** Downloads running now, by hash: a second request for one file waits for the first. */
  private readonly downloads = new Map<string, Promise<string>>();
  private readonly maxUpload = new Map<string, Promise<number>>();

  private constructor(
    private readonly deps: FileServiceDeps,
    readonly staged: StagedFiles,
    readonly cache: FileCache,
  ) {}

  static async open(deps: FileServiceDeps): Promise<FileService> {
    const [staged, cache] = await Promise.all([
      StagedFiles.open(deps.paths.outgoing, deps.logger),
      FileCache.open(deps.paths.files, deps.cacheCapBytes, deps.now, deps.logger),
    ]);
    // Copies made for the system's opener are not needed once the app has restarted.
    await rm(deps.paths.opened, { recursive: true, force: true });
    return new FileService(deps, staged, cache);
  }

  async beginFile({ name, size }: BeginFileInput): Promise<{ stagedId: string }> {
    return this.staged.begin(name, size, await this.maxUploadBytes(this.signed()));
  }

  async appendFile({ stagedId, data }: AppendFileInput): Promise<void> {
    const piece = Buffer.from(data, 'base64');
    if (piece.length > fileLimits.pieceBytes) {
      throw failure('bad_request', `A piece may be at most ${fileLimits.pieceBytes} bytes.`);
    }
    await this.staged.append(stagedId, piece);
  }

  finishFile({ stagedId }: StagedFileInput): Promise<StagedFile> {
    return this.staged.finish(stagedId);
  }

  dropFile({ stagedId }: StagedFileInput): Promise<void> {
    return this.staged.drop(stagedId);
  }

  async fileUrl(input: FileInput): Promise<FileUrl> {
    if (!isInlineImage(input.mime)) throw failure('bad_request', 'Only images are shown in the window.');
    await this.cached(input);
    return { url: fileUrlPath(input.sha256) };
  }

  async openFile(input: FileInput): Promise<void> {
    const file = await this.cached(input);
    // The opener goes by the name: a copy under the file's own (made safe) name.
    const dir = path.join(this.deps.paths.opened, input.sha256);
    await mkdir(dir, { recursive: true, mode: privateDirMode });
    const named = path.join(dir, safeFileName(input.name));
    await copyFile(file, named);
    await this.deps.desktop.openPath(named);
  }

  async saveFile(input: FileInput): Promise<SavedFile> {
    const file = await this.cached(input);
    const savedTo = await this.deps.desktop.saveAs(file, safeFileName(input.name));
    return savedTo === null ? null : { savedTo };
  }

  async avatarUrl({ avatar }: AvatarInput): Promise<FileUrl> {
    const known = this.cache.avatarHash(avatar);
    if (known && (await this.cache.lookup(known))) return { url: fileUrlPath(known) };
    const signed = this.signed();
    const temp = this.cache.tempFile();
    try {
      const got = await download(signed, `${httpPaths.avatar}${encodeURIComponent(avatar)}`, { file: temp });
      if (!isInlineImage(got.mime)) throw failure('internal', 'The server sent an avatar that is not an image.');
      await this.cache.adopt(got.sha256, temp, { size: got.size, mime: got.mime, avatar });
      return { url: fileUrlPath(got.sha256) };
    } finally {
      await rm(temp, { force: true });
    }
  }

  async setAvatar({ stagedId }: StagedFileInput): Promise<void> {
    const { file, staged } = this.staged.finished(stagedId);
    if (!isInlineImage(staged.mime)) throw failure('bad_request', 'An avatar must be a PNG, JPEG, GIF or WebP image.');
    if (staged.size > limits.maxAvatarBytes) {
      throw failure('too_large', `An avatar may be at most ${limits.maxAvatarBytes / 1048576} MB.`);
    }
    const response = await call(this.signed(), httpPaths.myAvatar, {
      method: 'PUT',
      headers: { 'content-type': staged.mime },
      body: await readFile(file),
    });
    await readJson(response, avatarBody);
    await this.staged.drop(stagedId);
  }

  async removeAvatar(): Promise<void> {
    await call(this.signed(), httpPaths.myAvatar, { method: 'DELETE' });
  }

  /** The image behind a `/files/<sha256>` path: cached, staged or waiting in the outbox. */
  async servedFile(urlPath: string): Promise<ServedFile | null> {
    const sha256 = servedPath.exec(urlPath)?.[1];
    if (!sha256) return null;
    const cached = await this.cache.lookup(sha256);
    if (cached) return isInlineImage(cached.entry.mime) ? { file: cached.file, mime: cached.entry.mime } : null;
    const staged = this.staged.image(sha256);
    if (staged) return { file: staged.file, mime: staged.staged.mime };
    return this.deps.outboxImage(sha256);
  }

  /** A sent message's files join the cache: the sender never downloads their own file. */
  async keepSent(item: OutboxItem, fileOf: Outbox['fileOf']): Promise<void> {
    for (const attachment of item.attachments ?? []) {
      await this.cache
        .adopt(attachment.sha256, fileOf(attachment), { size: attachment.size, mime: attachment.mime })
        .catch((error: unknown) => this.deps.logger.caught('keeping a sent file in the cache', error));
    }
  }

  /** Sign-out: nothing staged stays; with `removeCache`, no downloaded or sent file either. */
  async signedOut(removeCache: boolean): Promise<void> {
    this.maxUpload.clear();
    await this.staged.clear();
    if (removeCache) await this.cache.clear();
  }

  /** The file in the cache, downloaded and verified first when it is not there yet. */
  private async cached(input: FileInput): Promise<string> {
    const hit = await this.cache.lookup(input.sha256);
    if (hit) return hit.file;
    let running = this.downloads.get(input.sha256);
    if (!running) {
      running = this.download(input).finally(() => this.downloads.delete(input.sha256));
      this.downloads.set(input.sha256, running);
    }
    return running;
  }

  private async download(input: FileInput): Promise<string> {
    const signed = this.signed();
    const temp = this.cache.tempFile();
    let told = -Infinity;
    try {
      await download(signed, `${httpPaths.file}${encodeURIComponent(input.id)}`, {
        file: temp,
        sha256: input.sha256,
        progress: (received, total) => {
          // At most every progressEveryMs, and always the last byte.
          const now = this.deps.now();
          if (now - told < progressEveryMs && received < total) return;
          told = now;
          this.deps.emit('fileProgress', { id: input.id, received, total });
        },
      });
      return await this.cache.adopt(input.sha256, temp, { size: input.size, mime: input.mime });
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** The server's upload limit (server-info), asked once per server; 100 MB when it cannot tell. */
  private maxUploadBytes(signed: Signed): Promise<number> {
    let known = this.maxUpload.get(signed.serverUrl);
    if (!known) {
      known = serverInfo(signed.serverUrl).then(
        (info) => info.limits.maxUploadBytes ?? fallbackMaxUploadBytes,
        (error: unknown) => {
          this.deps.logger.caught('reading the server upload limit', error);
          this.maxUpload.delete(signed.serverUrl);
          return fallbackMaxUploadBytes;
        },
      );
      this.maxUpload.set(signed.serverUrl, known);
    }
    return known;
  }

  private signed(): Signed {
    const signed = this.deps.signedIn();
    if (!signed) throw failure('signed_out', 'Sign in first.');
    return signed;
  }
}
