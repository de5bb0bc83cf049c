// The disk blob store: the shared behaviour, plus what only a folder shows (temp files, shards).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskBlobStore } from '../../../server/files/disk-store.js';
import { filesFolder, openBlobStore } from '../../../server/files/open-blob-store.js';
import { silentLogger } from '../../../server/logger.js';
import type { Store } from '../../../server/store/store.js';
import { blobStoreBehaviour, bodyOf, freshKey } from './blob-store-behaviour.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'disk-blobs-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

blobStoreBehaviour('disk', () => DiskBlobStore.open(path.join(root, 'shared')));

/** Every file under `folder`, relative to it. */
function filesUnder(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .filter((entry) => fs.statSync(path.join(folder, entry)).isFile())
    .sort();
}

describe('disk blob store', () => {
  it('keeps a blob at its sharded path and nothing in tmp/', async () => {
    const folder = path.join(root, 'sharded');
    const blobs = await DiskBlobStore.open(folder);
    await blobs.put('abcdef', bodyOf(Buffer.from('bytes')), 5);
    expect(filesUnder(folder)).toEqual([path.join('ab', 'abcdef')]);
    expect(fs.readFileSync(path.join(folder, 'ab', 'abcdef'), 'utf8')).toBe('bytes');
  });

  it('leaves no temp file when a put fails', async () => {
    const folder = path.join(root, 'failing');
    const blobs = await DiskBlobStore.open(folder);
    await expect(blobs.put(freshKey(), bodyOf(randomBytes(100_000), new Error('reset')), 100_000)).rejects.toThrow();
    await expect(blobs.put(freshKey(), bodyOf(randomBytes(10)), 11)).rejects.toThrow(/ended after 10 of 11/);
    expect(filesUnder(folder)).toEqual([]);
  });

  it('removes what a crash left in tmp/ when it opens, and keeps finished blobs', async () => {
    const folder = path.join(root, 'crashed');
    const before = await DiskBlobStore.open(folder);
    await before.put('kept', bodyOf(Buffer.from('kept')), 4);
    fs.writeFileSync(path.join(folder, 'tmp', 'half.1234'), 'half-written');
    await DiskBlobStore.open(folder);
    expect(filesUnder(folder)).toEqual([path.join('ke', 'kept')]);
  });

  it('in a folder shared by several nodes, removes only temp files an hour old', async () => {
    const folder = path.join(root, 'shared-crash');
    await DiskBlobStore.open(folder);
    const old = path.join(folder, 'tmp', 'old.1');
    fs.writeFileSync(old, 'from a node that crashed');
    const anHourAgo = new Date(Date.now() - 61 * 60 * 1000);
    fs.utimesSync(old, anHourAgo, anHourAgo);
    fs.writeFileSync(path.join(folder, 'tmp', 'busy.2'), 'another node is writing this');
    await DiskBlobStore.open(folder, { shared: true });
    expect(filesUnder(folder)).toEqual([path.join('tmp', 'busy.2')]);
  });

  it('openBlobStore uses --files-dir, else `files` in the data folder, and says where', async () => {
    const lines: string[] = [];
    const logger = { ...silentLogger, info: (line: string) => void lines.push(line) };
    const store = {} as Store;
    const dataDir = path.join(root, 'data');
    expect(filesFolder({ dataDir })).toBe(path.resolve(dataDir, 'files'));
    const inData = await openBlobStore({ dataDir }, store, logger);
    await inData.put('indata', bodyOf(Buffer.from('x')), 1);
    expect(fs.existsSync(path.join(dataDir, 'files', 'in', 'indata'))).toBe(true);
    const filesDir = path.join(root, 'elsewhere');
    const elsewhere = await openBlobStore({ dataDir, filesDir }, store, logger);
    await elsewhere.put('there', bodyOf(Buffer.from('x')), 1);
    expect(fs.existsSync(path.join(filesDir, 'th', 'there'))).toBe(true);
    expect(lines).toEqual([`files in ${path.resolve(dataDir, 'files')}`, `files in ${path.resolve(filesDir)}`]);
  });
});
