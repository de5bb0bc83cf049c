// The sweeper, on a real SQLite store and a real files folder, driven by fake timers: uploads
// never attached expire after a day and their bytes go; a failing delete is retried next round.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { limits } from '../../../protocol/limits.js';
import { BlobMissing, type BlobStore } from '../../../server/files/blob-store.js';
import { DiskBlobStore } from '../../../server/files/disk-store.js';
import { startSweeper, sweepEveryMs, type SweepResult, type Sweeper } from '../../../server/files/sweeper.js';
import { silentLogger, type Logger } from '../../../server/logger.js';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import type { StoredFile } from '../../../server/store/store.js';
import { bodyOf } from './blob-store-behaviour.js';

const start = Date.UTC(2026, 0, 1);

describe('files sweeper', () => {
  let dir: string;
  let store: SqliteStore;
  let blobs: DiskBlobStore;
  let sweeper: Sweeper | undefined;
  let uploader: number;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(start);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweeper-'));
    store = new SqliteStore(dir);
    blobs = await DiskBlobStore.open(path.join(dir, 'files'));
    uploader = (await store.createUser('ann', 'ann', 'hash', start))!.id;
  });
  afterEach(async () => {
    await sweeper?.stop();
    sweeper = undefined;
    await store.close();
    vi.useRealTimers();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function upload(id: string, createdAt: number): Promise<StoredFile> {
    const file: StoredFile = {
      id,
      uploader,
      name: `${id}.bin`,
      size: 3,
      mime: 'application/octet-stream',
      sha256: '0'.repeat(64),
      blobKey: `blob_${id}`,
      createdAt,
    };
    await blobs.put(file.blobKey, bodyOf(Buffer.from('abc')), 3);
    await store.createFile(file);
    return file;
  }

  async function present(key: string): Promise<boolean> {
    try {
      (await blobs.get(key)).destroy();
      return true;
    } catch (error) {
      if (error instanceof BlobMissing) return false;
      throw error;
    }
  }

  /** Starts the sweeper; `round()` runs the next timed round and resolves with what it did. */
  function sweeping(store: SqliteStore, blobStore: BlobStore, logger: Logger = silentLogger) {
    const results: Array<(result: SweepResult | 'failed') => void> = [];
    sweeper = startSweeper({ store, blobs: blobStore, logger, now: Date.now, onRound: (r) => results.shift()?.(r) });
    return {
      round: async () => {
        const done = new Promise<SweepResult | 'failed'>((resolve) => results.push(resolve));
        await vi.advanceTimersByTimeAsync(sweepEveryMs);
        return done;
      },
    };
  }

  it('expires uploads never attached after a day, deletes their bytes, keeps newer ones', async () => {
    const old = await upload('old', start - limits.unattachedUploadTtlMs - 1);
    const fresh = await upload('fresh', start - limits.unattachedUploadTtlMs + 2 * sweepEveryMs);
    const { round } = sweeping(store, blobs);
    expect(await round()).toEqual({ expired: 1, deleted: 1 });
    expect(await present(old.blobKey)).toBe(false);
    expect(await store.readableFile('old', uploader)).toBeNull();
    expect(await present(fresh.blobKey)).toBe(true);
    expect(await store.trashedBlobs(10)).toEqual([]);
    expect(await round()).toEqual({ expired: 0, deleted: 0 });
    expect(await round()).toEqual({ expired: 1, deleted: 1 });
    expect(await present(fresh.blobKey)).toBe(false);
  });

  it('logs a delete that fails, keeps it in the trash, and deletes it next round', async () => {
    const stuck = await upload('stuck', start - limits.unattachedUploadTtlMs - 1);
    const other = await upload('other', start - limits.unattachedUploadTtlMs - 1);
    let refuse = true;
    const flaky: BlobStore = {
      put: (...args) => blobs.put(...args),
      get: (...args) => blobs.get(...args),
      close: () => blobs.close(),
      delete: async (key) => {
        if (refuse && key === stuck.blobKey) throw new Error('disk away');
        return blobs.delete(key);
      },
    };
    const errors: string[] = [];
    const { round } = sweeping(store, flaky, { ...silentLogger, error: (line) => void errors.push(line) });
    expect(await round()).toEqual({ expired: 2, deleted: 1 });
    expect(errors).toEqual([`deleting blob ${stuck.blobKey} failed; trying again next round`]);
    expect(await store.trashedBlobs(10)).toEqual([stuck.blobKey]);
    expect(await present(stuck.blobKey)).toBe(true);
    expect(await present(other.blobKey)).toBe(false);
    refuse = false;
    expect(await round()).toEqual({ expired: 0, deleted: 1 });
    expect(await store.trashedBlobs(10)).toEqual([]);
    expect(await present(stuck.blobKey)).toBe(false);
  });

  it('bounds a round: 500 expiries, and ten pages of 100 deletes', async () => {
    for (let i = 0; i < 1100; i++) {
      await store.createFile({
        id: `f${i}`,
        uploader,
        name: 'x',
        size: 1,
        mime: 'application/octet-stream',
        sha256: '0'.repeat(64),
        blobKey: `never_put_${i}`,
        createdAt: start - limits.unattachedUploadTtlMs - 1,
      });
    }
    let refuse = true;
    const refusing: BlobStore = {
      put: (...args) => blobs.put(...args),
      get: (...args) => blobs.get(...args),
      close: () => blobs.close(),
      delete: async (key) => {
        if (refuse) throw new Error('disk away');
        return blobs.delete(key);
      },
    };
    let errors = 0;
    const { round } = sweeping(store, refusing, { ...silentLogger, error: () => void errors++ });
    expect(await round()).toEqual({ expired: 500, deleted: 0 });
    expect(errors).toBe(500);
    // The trash now holds 1000: a round tries ten pages of 100 of them.
    expect(await round()).toEqual({ expired: 500, deleted: 0 });
    expect(errors).toBe(1500);
    refuse = false;
    expect(await round()).toEqual({ expired: 100, deleted: 1000 });
    expect(await round()).toEqual({ expired: 0, deleted: 100 });
  });

  it('logs a round that fails and sweeps again the next minute', async () => {
    await upload('later', start - limits.unattachedUploadTtlMs - 1);
    let fail = true;
    const failing = new Proxy(store, {
      get: (target, key, receiver) =>
        key === 'expireUploads' && fail
          ? () => Promise.reject(new Error('database away'))
          : (Reflect.get(target, key, receiver) as unknown),
    });
    const errors: string[] = [];
    const { round } = sweeping(failing, blobs, { ...silentLogger, error: (line) => void errors.push(line) });
    expect(await round()).toBe('failed');
    expect(errors).toEqual(['sweeping files failed']);
    fail = false;
    expect(await round()).toEqual({ expired: 1, deleted: 1 });
  });

  it('sweeps no more after stop', async () => {
    await upload('kept', start - limits.unattachedUploadTtlMs - 1);
    // The store keeps its own timer (the search indexer's): only the sweeper's must go.
    const storeTimers = vi.getTimerCount();
    sweeping(store, blobs);
    await sweeper!.stop();
    await vi.advanceTimersByTimeAsync(3 * sweepEveryMs);
    expect(vi.getTimerCount()).toBe(storeTimers);
    expect(await store.readableFile('kept', uploader)).not.toBeNull();
  });
});
