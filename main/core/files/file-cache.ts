// Node runtime. The profile's `files/` folder: downloaded and sent files, each named by its
// SHA-256, with an index of their size, type and last use. Past the size cap the least
// recently used go. A file enters only whole and verified (a rename into place), so whatever
// is there under a hash holds exactly those bytes.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log/logger.js';
import { sha256Schema } from '../protocol-schemas.js';
import { openJsonDoc, type JsonDoc } from '../storage/json-doc.js';
import { privateDirMode } from '../storage/durable-write.js';

export const defaultCacheCapBytes = 1024 * 1024 * 1024;

const entrySchema = z.object({ size: z.number().int().nonnegative(), mime: z.string(), lastUsed: z.number() });
export type CacheEntry = z.infer<typeof entrySchema>;
const indexSchema = z.object({
  version: z.literal(1),
  files: z.record(sha256Schema, entrySchema),
  /** Avatar id → the hash of its image. */
  avatars: z.record(z.string(), sha256Schema),
});
type CacheIndex = z.infer<typeof indexSchema>;

const indexName = 'index.json';
const tempSuffix = '.part';

export class FileCache {
  private constructor(
    private readonly dir: string,
    private readonly index: JsonDoc<CacheIndex>,
    private readonly capBytes: number,
    private readonly now: () => number,
  ) {}

  static async open(dir: string, capBytes: number, now: () => number, logger: Logger): Promise<FileCache> {
    await mkdir(dir, { recursive: true, mode: privateDirMode });
    const index = await openJsonDoc(
      path.join(dir, indexName),
      indexSchema,
      (): CacheIndex => ({ version: 1, files: {}, avatars: {} }),
      { kind: 'file cache index', logger },
    );
    const cache = new FileCache(dir, index, capBytes, now);
    await cache.tidy();
    return cache;
  }

  /** Where a cached file's bytes are, and what the index knows of it; null when not cached. */
  async lookup(sha256: string): Promise<{ file: string; entry: CacheEntry } | null> {
    const entry = this.index.data.files[sha256];
    if (!entry) return null;
    await this.index.update((index) => ({
      ...index,
      files: { ...index.files, [sha256]: { ...entry, lastUsed: this.now() } },
    }));
    return { file: this.fileOf(sha256), entry };
  }

  avatarHash(avatar: string): string | undefined {
    return this.index.data.avatars[avatar];
  }

  /** A new temporary file inside the cache folder (renamed into place by adopt). */
  tempFile(): string {
    return path.join(this.dir, `${randomBytes(8).toString('hex')}${tempSuffix}`);
  }

  /**
   * Moves a whole, verified file into the cache under its hash (`from` must be on the same
   * disk: a temp file of this cache or a sent file of the profile), then makes room.
   */
  async adopt(sha256: string, from: string, facts: { size: number; mime: string; avatar?: string }): Promise<string> {
    const file = this.fileOf(sha256);
    await rename(from, file);
    await this.index.update((index) => ({
      ...index,
      files: { ...index.files, [sha256]: { size: facts.size, mime: facts.mime, lastUsed: this.now() } },
      avatars: facts.avatar ? { ...index.avatars, [facts.avatar]: sha256 } : index.avatars,
    }));
    await this.evict(sha256);
    return file;
  }

  /** Every file goes (signing out with "remove this account's data from this computer"). */
  async clear(): Promise<void> {
    const all = new Set(Object.keys(this.index.data.files));
    await this.forget(all);
    for (const sha256 of all) await rm(this.fileOf(sha256), { force: true });
  }

  /** Bytes the cache holds now. */
  get totalBytes(): number {
    return Object.values(this.index.data.files).reduce((sum, entry) => sum + entry.size, 0);
  }

  /** Past the cap, the least recently used go; the file just added stays even when it alone is larger. */
  private async evict(keep: string): Promise<void> {
    let total = this.totalBytes;
    if (total <= this.capBytes) return;
    const oldestFirst = Object.entries(this.index.data.files)
      .filter(([sha256]) => sha256 !== keep)
      .sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    const gone = new Set<string>();
    for (const [sha256, entry] of oldestFirst) {
      if (total <= this.capBytes) break;
      gone.add(sha256);
      total -= entry.size;
    }
    await this.forget(gone);
    for (const sha256 of gone) await rm(this.fileOf(sha256), { force: true });
  }

  /** After a crash: temp files go, and so do entries without a file and files without an entry. */
  private async tidy(): Promise<void> {
    const names = new Set(await readdir(this.dir));
    for (const name of names) {
      const known = name === indexName || name.startsWith(`${indexName}.`) || this.index.data.files[name];
      if (!known) await rm(path.join(this.dir, name), { force: true, recursive: true });
    }
    const missing = new Set(Object.keys(this.index.data.files).filter((sha256) => !names.has(sha256)));
    for (const sha256 of Object.keys(this.index.data.files)) {
      if (missing.has(sha256)) continue;
      const size = (await stat(this.fileOf(sha256)).catch(() => null))?.size;
      if (size !== this.index.data.files[sha256]?.size) missing.add(sha256);
    }
    if (missing.size > 0) await this.forget(missing);
  }

  /** Files no message of the cache may show any more (their message was recalled): gone from disk. */
  async remove(hashes: ReadonlySet<string>): Promise<void> {
    await this.forget(hashes);
    await Promise.all([...hashes].map((sha256) => rm(this.fileOf(sha256), { force: true })));
  }

  private async forget(hashes: ReadonlySet<string>): Promise<void> {
    if (hashes.size === 0) return;
    await this.index.update((index) => ({
      ...index,
      files: Object.fromEntries(Object.entries(index.files).filter(([sha256]) => !hashes.has(sha256))),
      avatars: Object.fromEntries(Object.entries(index.avatars).filter(([, sha256]) => !hashes.has(sha256))),
    }));
  }

  private fileOf(sha256: string): string {
    return path.join(this.dir, sha256);
  }
}
