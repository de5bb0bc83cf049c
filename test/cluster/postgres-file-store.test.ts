// The store's files on PostgreSQL: the same checks as SQLite's (test/server/store/file-store.test.ts),
// plus sends racing for one upload on separate connections, and both sides deleting their
// records at once (each file goes, and its blob is trashed, exactly once).
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { PostgresStore } from '../../server/store/postgres/postgres-store.js';
import { checkAttachRace, checkFileStore } from '../support/file-store-checks.js';

let store: PostgresStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** A fresh database on the run's PostgreSQL (test/cluster/global-setup.ts). */
async function freshStore(): Promise<PostgresStore> {
  const admin = process.env.MESSENGER_TEST_PG_URL!;
  const database = `f_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  return PostgresStore.open(Object.assign(new URL(admin), { pathname: `/${database}` }).href, { poolSize: 4 });
}

it('stores uploads, attaches them to both copies, lets the right people read them, and trashes what goes', async () => {
  store = await freshStore();
  await checkFileStore(store);
});

it('attaches one upload to one of two sends racing for it on two connections', async () => {
  store = await freshStore();
  const [message] = await checkAttachRace(store);
  expect(message).toMatchObject({ content: '[Image] raced.png', caption: '' });
});

it('lets go of every file of a record deleted by both sides at once, and trashes each blob once', async () => {
  store = await freshStore();
  const ann = (await store.createUser('Ann', 'ann', 'h', 1))!.id;
  const bob = (await store.createUser('Bob', 'bob', 'h', 1))!.id;
  const judge = { receiverViewing: () => false, admit: () => true };
  for (let i = 0; i < 5; i++) {
    const id = `f${i}`;
    await store.createFile({
      id,
      uploader: ann,
      name: `${id}.txt`,
      size: 1,
      mime: 'text/plain',
      sha256: 'a'.repeat(64),
      blobKey: `b${i}`,
      createdAt: 1,
    });
    await store.sendMessage({ from: ann, to: bob, clientId: id, content: '', date: 2, attachments: [id] }, judge);
  }
  await Promise.all([store.deleteChat(ann, bob), store.deleteChat(bob, ann)]);
  expect((await store.trashedBlobs(10)).sort()).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
  expect(await store.readableFile('f0', ann)).toBeNull();
});
