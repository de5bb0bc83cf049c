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

export class ShortBody extends Error {}

export class DiskBlobStore implements BlobStore {
  private constructor(readonly folder: string) {}

  /** Creates the folder if missing and removes what a crash left half-written in tmp/. */
  static async open(folder: string): Promise<DiskBlobStore> {
    const absolute = path.resolve(folder);
    const tmp = path.join(absolute, 'tmp');
    await fs.mkdir(tmp, { recursive: true, mode: 0o700 });
    for (const leftover of await fs.readdir(tmp))
      await fs.rm(path.join(tmp, leftover), { force: true, recursive: true });
    return new DiskBlobStore(absolute);
  }

  async put(key: string, body: Readable, size: number): Promise<void> {
    const final = this.pathOf(key);
    const temp = path.join(this.folder, 'tmp', `${key}.${randomUUID()}`);
    try {
      let written = 0;
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            written += chunk.length;
            if (written > size) throw new ShortBody(`the body is longer than ${size} bytes`);
            yield chunk;
          }
          if (written < size) throw new ShortBody(`the body ended after ${written} of ${size} bytes`);
        },
        createWriteStream(temp, { flags: 'wx', mode: 0o600 }),
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
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
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
