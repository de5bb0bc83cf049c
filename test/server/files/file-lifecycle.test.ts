// What becomes of a file's bytes (issue 14): an upload never attached is swept after 24 h, and a
// sent file's blob is deleted once both people deleted the chat — by the sweeper every node runs.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from '../../support/clients.js';
import { download, filesUnder, png, uploaded, sendFiles } from '../../support/files.js';
import { tempDir } from '../../support/server.js';
import { World, type Person } from '../../support/world.js';
import { DiskBlobStore } from '../../../server/files/disk-store.js';
import { sweep } from '../../../server/files/sweeper.js';
import { silentLogger } from '../../../server/logger.js';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';

describe('file lifecycle', () => {
  let world: World;
  let store: SqliteStore;
  let blobs: DiskBlobStore;
  let alice: Person;
  let bob: Person;
  let clock: number;
  let folder: string;
  beforeEach(async () => {
    clock = 1_800_000_000_000;
    const dataDir = tempDir();
    folder = path.join(dataDir, 'files');
    // The test holds the server's store and a blob store on its folder, to run a sweep round itself.
    store = new SqliteStore(dataDir);
    world = await World.start({ dataDir, store, now: () => clock });
    blobs = await DiskBlobStore.open(folder);
    [alice, bob] = [await world.person('alice'), await world.person('bob')];
  });
  afterEach(async () => {
    await world.close();
    await blobs.close();
  });

  const sweepNow = () => sweep({ store, blobs, logger: silentLogger, now: () => clock });
  const blobFiles = () => filesUnder(folder).filter((file) => !file.startsWith('tmp') && !file.startsWith('.'));

  it('sweeps an upload never attached 24 h after it finished, bytes and all', async () => {
    const kept = await uploaded(world.url, alice.token, png(1, 1), 'sent.png');
    await sendFiles(alice.socket, bob.id, 's', [kept.id]);
    const idle = await uploaded(world.url, alice.token, png(2, 2), 'idle.png');
    expect(blobFiles()).toHaveLength(2);
    clock += 24 * 60 * 60 * 1000 - 1;
    expect(await sweepNow()).toEqual({ expired: 0, deleted: 0 });
    clock += 2;
    expect(await sweepNow()).toEqual({ expired: 1, deleted: 1 });
    expect((await download(world.url, idle.id, alice.token)).status).toBe(404);
    expect((await sendFiles(alice.socket, bob.id, 't', [idle.id])).error.code).toBe('not_found');
    expect((await download(world.url, kept.id, bob.token)).status).toBe(200);
    expect(blobFiles()).toHaveLength(1);
  });

  it("deletes a sent file's blob once both people deleted the chat, not before", async () => {
    const image = await uploaded(world.url, alice.token, png(3, 3), 'a.png');
    await sendFiles(alice.socket, bob.id, 'd', [image.id]);
    await request(alice.socket, 'chat:delete', { who: bob.id });
    expect(await sweepNow()).toEqual({ expired: 0, deleted: 0 });
    expect((await download(world.url, image.id, bob.token)).status).toBe(200);
    await request(bob.socket, 'chat:delete', { who: alice.id });
    expect(await sweepNow()).toEqual({ expired: 0, deleted: 1 });
    expect(blobFiles()).toEqual([]);
    expect(await store.trashedBlobs(10)).toEqual([]);
  });
});
