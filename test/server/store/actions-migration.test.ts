// Migration 8 of the SQLite store: messages stored before it read as before (no action fields),
// and can then be replied to, edited and recalled.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { databaseFileName, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { migrate } from '../../../server/store/sqlite/migrations.js';
import { tempDir } from '../../support/server.js';

let store: SqliteStore | undefined;
afterEach(() => store?.close());

const judge = { receiverViewing: () => false, admit: () => true };

it('keeps the messages of an older database as they were, and lets them be acted on', async () => {
  const dir = tempDir();
  const db = new Database(path.join(dir, databaseFileName));
  migrate(db, 7);
  const user = db.prepare(
    'INSERT INTO users (id, name, name_key, name_skeleton, password_hash, created_at) VALUES (?, ?, ?, ?, ?, 1)',
  );
  user.run(1, 'ann', 'ann', 'ann', 'h');
  user.run(2, 'bo', 'bo', 'bo', 'h');
  db.prepare('INSERT INTO chats (id, owner, peer, updated_at, last_seq) VALUES (?, ?, ?, 5, 1)').run(1, 1, 2);
  db.prepare('INSERT INTO chats (id, owner, peer, updated_at, last_seq) VALUES (?, ?, ?, 5, 1)').run(2, 2, 1);
  db.prepare(
    `INSERT INTO messages (id, sender, client_id, recipient, date, content, sender_seq) VALUES (1, 1, 'c1', 2, 5, 'old', 1)`,
  ).run();
  db.prepare('INSERT INTO copies (chat_id, seq, message_id) VALUES (1, 1, 1), (2, 1, 1)').run();
  db.close();

  store = new SqliteStore(dir);
  const old = { id: 1, clientId: 'c1', user: 1, name: 'ann', date: 5, content: 'old', seq: 1 };
  expect((await store.history(2, 1, { limit: 10 })).messages).toEqual([old]);
  expect(await store.findSent(1, 'c1')).toEqual(old);

  const reply = await store.sendMessage({ from: 2, to: 1, clientId: 'r', content: 're', date: 6, replyTo: 1 }, judge);
  expect(reply).toMatchObject({
    kind: 'stored',
    receiver: { message: { replyTo: { id: 1, user: 1, name: 'ann', excerpt: 'old' } } },
  });
  const edit = await store.actOnMessage(
    { kind: 'edit', caller: 1, who: 2, target: 1, clientId: 'e', date: 7, text: 'new' },
    () => undefined,
  );
  expect(edit).toMatchObject({
    kind: 'stored',
    caller: { message: { kind: 'edit', seq: 3 } },
    peer: { message: { seq: 3 } },
  });
  expect((await store.history(2, 1, { limit: 10 })).messages[0]).toEqual({ ...old, content: 'new', editedAt: 7 });
  // The judge refuses: nothing is written.
  const refusal = new Error('refused');
  await expect(
    store.actOnMessage({ kind: 'recall', caller: 1, who: 2, target: 1, clientId: 'x', date: 8 }, () => {
      throw refusal;
    }),
  ).rejects.toBe(refusal);
  expect((await store.history(1, 2, { limit: 10 })).messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  expect(await store.findSent(1, 'x')).toBeNull();
});
