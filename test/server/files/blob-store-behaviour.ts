// What every blob store does, as one table of tests run against each (disk-store, s3-store).
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobMissing, type BlobStore } from '../../../server/files/blob-store.js';

let counter = 0;
export const freshKey = () => `k${process.pid}_${++counter}_${randomBytes(6).toString('hex')}`;

/** A body that sends `bytes` in 64 KiB chunks, then fails with `error` if given. */
export function bodyOf(bytes: Buffer, error?: Error): Readable {
  return Readable.from(
    (async function* () {
      for (let at = 0; at < bytes.length; at += 65536) yield bytes.subarray(at, at + 65536);
      if (error) throw error;
    })(),
  );
}

export function blobStoreBehaviour(name: string, open: () => Promise<BlobStore>): void {
  describe(`${name}: behaviour shared by every blob store`, () => {
    let blobs: BlobStore;
    beforeAll(async () => {
      blobs = await open();
    });
    afterAll(async () => {
      await blobs.close();
    });

    it('gives back what was put, whole and by range', async () => {
      const bytes = randomBytes(300_000);
      const key = freshKey();
      await blobs.put(key, bodyOf(bytes), bytes.length);
      expect((await buffer(await blobs.get(key))).equals(bytes)).toBe(true);
      const part = await buffer(await blobs.get(key, { start: 1000, end: 199_999 }));
      expect(part.equals(bytes.subarray(1000, 200_000))).toBe(true);
      const last = await buffer(await blobs.get(key, { start: bytes.length - 1, end: bytes.length - 1 }));
      expect([...last]).toEqual([bytes[bytes.length - 1]]);
    });

    it('keeps an empty blob', async () => {
      const key = freshKey();
      await blobs.put(key, bodyOf(Buffer.alloc(0)), 0);
      expect((await buffer(await blobs.get(key))).length).toBe(0);
    });

    it('answers BlobMissing for a key never put', async () => {
      await expect(blobs.get(freshKey())).rejects.toBeInstanceOf(BlobMissing);
    });

    it('leaves nothing when the body fails part-way', async () => {
      const key = freshKey();
      const bytes = randomBytes(200_000);
      await expect(blobs.put(key, bodyOf(bytes, new Error('connection reset')), bytes.length)).rejects.toThrow();
      await expect(blobs.get(key)).rejects.toBeInstanceOf(BlobMissing);
    });

    it('leaves nothing when the body ends short of its size, or runs past it', async () => {
      const short = freshKey();
      await expect(blobs.put(short, bodyOf(randomBytes(1000)), 1001)).rejects.toThrow();
      await expect(blobs.get(short)).rejects.toBeInstanceOf(BlobMissing);
      const long = freshKey();
      await expect(blobs.put(long, bodyOf(randomBytes(1001)), 1000)).rejects.toThrow();
      await expect(blobs.get(long)).rejects.toBeInstanceOf(BlobMissing);
    });

    it('deletes, and deleting again or a key never put is fine', async () => {
      const key = freshKey();
      await blobs.put(key, bodyOf(Buffer.from('hello')), 5);
      await blobs.delete(key);
      await expect(blobs.get(key)).rejects.toBeInstanceOf(BlobMissing);
      await blobs.delete(key);
      await blobs.delete(freshKey());
    });

    it('refuses keys that could name a path', async () => {
      for (const key of ['', '.', '..', '../x', 'a/b', 'a\\b', 'a.b', '%2e%2e', 'x'.repeat(129), 'ä']) {
        await expect(blobs.put(key, bodyOf(Buffer.from('x')), 1)).rejects.toThrow(/bad blob key/);
        await expect(blobs.get(key)).rejects.toThrow(/bad blob key/);
        await expect(blobs.delete(key)).rejects.toThrow(/bad blob key/);
      }
    });

    it('refuses a backwards or negative range', async () => {
      const key = freshKey();
      await blobs.put(key, bodyOf(Buffer.from('hello')), 5);
      await expect(blobs.get(key, { start: 3, end: 2 })).rejects.toThrow(/range/);
      await expect(blobs.get(key, { start: -1, end: 2 })).rejects.toThrow(/range/);
    });
  });
}
