// The profile's file cache: content-addressed, an index of size, type and last use, and past
// the size cap the least recently used files go; a restart drops what the index cannot vouch for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCache } from '../../../../main/core/files/file-cache.js';
import { silentLogger } from '../../../../main/core/log/logger.js';
import { sha256 } from '../../../support/staged-files.js';

let dir: string;
let clock = 0;
const now = () => clock;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-cache-'));
  clock = 1000;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function put(cache: FileCache, text: string): Promise<string> {
  const bytes = Buffer.from(text);
  const temp = cache.tempFile();
  fs.writeFileSync(temp, bytes);
  const hash = sha256(bytes);
  await cache.adopt(hash, temp, { size: bytes.length, mime: 'image/png' });
  clock++;
  return hash;
}

describe('file cache', () => {
  it('evicts the least recently used past its cap, keeping what was just used', async () => {
    const cache = await FileCache.open(path.join(dir, 'files'), 30, now, silentLogger);
    const a = await put(cache, 'a'.repeat(10));
    const b = await put(cache, 'b'.repeat(10));
    const c = await put(cache, 'c'.repeat(10));
    // Using a makes b the oldest.
    expect(await cache.lookup(a)).not.toBeNull();
    clock++;
    const d = await put(cache, 'd'.repeat(10));
    expect(await cache.lookup(b)).toBeNull();
    expect(fs.existsSync(path.join(dir, 'files', b))).toBe(false);
    for (const kept of [a, c, d]) expect(await cache.lookup(kept)).not.toBeNull();
    expect(cache.totalBytes).toBe(30);
  });

  it('keeps a file larger than the cap alone', async () => {
    const cache = await FileCache.open(path.join(dir, 'files'), 30, now, silentLogger);
    const small = await put(cache, 'small');
    const big = await put(cache, 'x'.repeat(100));
    expect(await cache.lookup(small)).toBeNull();
    expect((await cache.lookup(big))?.entry.size).toBe(100);
  });

  it('after a crash drops temp files, files the index does not know, and entries without a file', async () => {
    const files = path.join(dir, 'files');
    const first = await FileCache.open(files, 1000, now, silentLogger);
    const kept = await put(first, 'kept');
    const lost = await put(first, 'lost');
    fs.rmSync(path.join(files, lost));
    fs.writeFileSync(first.tempFile(), 'half a download');
    fs.writeFileSync(path.join(files, 'f'.repeat(64)), 'not in the index');
    const reopened = await FileCache.open(files, 1000, now, silentLogger);
    expect(await reopened.lookup(kept)).not.toBeNull();
    expect(await reopened.lookup(lost)).toBeNull();
    expect(fs.readdirSync(files).sort()).toEqual(['index.json', kept].sort());
  });
});
