// The store's files on PostgreSQL: the same checks as SQLite's (test/server/store/file-store.test.ts),
// plus sends racing for one upload on separate connections, and both sides deleting their
// records at once (each file goes, and its blob is trashed, exactly once).
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { PostgresStore } from '../../server/store/postgres/postgres-store.js';
import { actionSql } from '../../server/store/sql/action-statements.js';
import { fileSql } from '../../server/store/sql/file-statements.js';
import { numbered } from '../../server/store/sql/statements.js';
import { checkAttachRace, checkFileStore, checkPendingBlobs } from '../support/file-store-checks.js';
import { freshDatabase } from '../support/fresh-postgres.js';

let store: PostgresStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function freshStore(url?: string): Promise<PostgresStore> {
  return PostgresStore.open(url ?? (await freshDatabase('f')), { poolSize: 4 });
}

it('stores uploads, attaches them to both copies, lets the right people read them, and trashes what goes', async () => {
  store = await freshStore();
  await checkFileStore(store);
});

it('trashes a blob whose file or avatar was never recorded, and never a recorded one', async () => {
  store = await freshStore();
  await checkPendingBlobs(store);
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

it('trashes a shared blob once when the last two files on it go in two transactions at once', async () => {
  store = await freshStore();
  const ann = (await store.createUser('Ann', 'ann', 'h', 1))!.id;
  const bob = (await store.createUser('Bob', 'bob', 'h', 1))!.id;
  const cy = (await store.createUser('Cy', 'cy', 'h', 1))!.id;
  const judge = { receiverViewing: () => false, admit: () => true, check: () => undefined };
  for (let i = 0; i < 5; i++) {
    const id = `f${i}`;
    const file = { id, uploader: ann, name: `${id}.txt`, size: 1, mime: 'text/plain', sha256: 'a'.repeat(64) };
    await store.createFile({ ...file, blobKey: `b${i}`, createdAt: 1 });
    const sent = await store.sendMessage(
      { from: ann, to: bob, clientId: id, content: '', date: 2, attachments: [id] },
      judge,
    );
    if (sent.kind !== 'stored') throw new Error(sent.kind);
    // Bob forwards it to Cy: a second file row on the same blob.
    await store.forwardMessage(
      { from: bob, source: ann, id: sent.sender.message.id, to: cy, clientId: id, date: 3 },
      judge,
    );
  }
  await Promise.all([store.deleteChat(bob, ann), store.deleteChat(cy, bob)]);
  expect(await store.trashedBlobs(10)).toEqual([]);
  // The last holders of both rows of each blob let go at once.
  await Promise.all([store.deleteChat(ann, bob), store.deleteChat(bob, cy)]);
  expect((await store.trashedBlobs(10)).sort()).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
});

it('reads a file, a record’s files, a user’s avatars and an acted-on message through indexes', async () => {
  const url = await freshDatabase('f');
  store = await freshStore(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Tiny tables are read whole; with that priced out, a Seq Scan remains only where no index serves.
    await client.query('SET enable_seqscan = off');
    for (const [name, text] of Object.entries({ ...fileSql, ...actionSql })) {
      if (!/^\s*(SELECT|UPDATE|DELETE|INSERT INTO trashed_blobs \(blob_key, trashed_at\) SELECT)/.test(text)) continue;
      // Not null: `x = NULL` is planned as no scan at all.
      const values = text
        .split('?')
        .slice(1)
        .map(() => '1');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${numbered(text)}`, values);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan, name).not.toMatch(/Seq Scan on (files|messages|copies|chats|users|avatars)\b/);
    }
  } finally {
    await client.end();
  }
});
