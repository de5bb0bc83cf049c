// Server: blobs as files in one folder, sharded by the key's first two characters (`ab/abcdef…`).
// A put writes into the folder's own tmp/ (same filesystem, so the rename is atomic), fsyncs the
// file, renames it into place and fsyncs the shard folder: once put resolves, a crash keeps it.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobMissing, type BlobStore, type ByteRange } from './blob-store.js';
import { checkBlobKey, checkRange } from './blob-keys.js';
import { exactly } from './exact-size.js';

/** An upload idle for 30 s ends (upload.ts): a temp file untouched this long is nobody's. */
const staleTempMs = 60 * 60 * 1000;

/** Reads in 1 MiB chunks: a quarter of the system calls and stream turns of the default 64 KiB. */
const readChunkBytes = 1024 * 1024;
/**
 * How much a write stream holds before it tells the body to wait: with more than one socket
 * read's worth queued, Node writes them in one writev, so a fast upload costs fewer trips to the
 * thread pool (S9 in docs/performance.md).
 */
const writeBufferBytes = 1024 * 1024;

export class DiskBlobStore implements BlobStore {
  private constructor(readonly folder: string) {}

  /**
   * Creates the folder if missing and removes what a crash left half-written in tmp/. In a folder
   * `shared` by several nodes only what is an hour old goes: the others may be writing the rest.
   */
  static async open(folder: string, { shared = false } = {}): Promise<DiskBlobStore> {
    const absolute = path.resolve(folder);
    const tmp = path.join(absolute, 'tmp');
    await fs.mkdir(tmp, { recursive: true, mode: 0o700 });
    const staleBefore = shared ? Date.now() - staleTempMs : Infinity;
    for (const leftover of await fs.readdir(tmp)) {
      const file = path.join(tmp, leftover);
      // Gone since readdir: another node's upload finished.
      const stat = await fs.stat(file).catch(() => null);
      if (stat && stat.mtimeMs < staleBefore) await fs.rm(file, { force: true, recursive: true });
    }
    return new DiskBlobStore(absolute);
  }

  async put(key: string, body: Readable, size: number): Promise<void> {
    const final = this.pathOf(key);
    const temp = path.join(this.folder, 'tmp', `${key}.${randomUUID()}`);
    try {
      await pipeline(
        body,
        (chunks: AsyncIterable<Buffer>) => exactly(chunks, size),
        createWriteStream(temp, { flags: 'wx', mode: 0o600, highWaterMark: writeBufferBytes }),
      );
      // fsync flushes the file's data whichever descriptor asks (Node 20's streams have no `flush`).
      await syncPath(temp);
      const shard = path.dirname(final);
      await fs.mkdir(shard, { recursive: true, mode: 0o700 });
      await fs.rename(temp, final);
      await syncPath(shard);
    } catch (error) {
      await fs.rm(temp, { force: true });
      body.destroy();
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    if (range) checkRange(range);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobMissing(key);
      throw error;
    }
    return handle.createReadStream({
      highWaterMark: readChunkBytes,
      ...(range ? { start: range.start, end: range.end } : {}),
    });
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async close(): Promise<void> {}

  private pathOf(key: string): string {
    checkBlobKey(key);
    return path.join(this.folder, key.slice(0, 2), key);
  }
}

/** Flushes a file's bytes, or a folder's entries (a rename is durable only once they are on disk). */
async function syncPath(file: string): Promise<void> {
  const folder = (await fs.stat(file)).isDirectory();
  // Windows opens no folder for fsync (EISDIR); NTFS journals the rename itself.
  if (folder && process.platform === 'win32') return;
  const handle = await fs.open(file, folder ? 'r' : 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
