// The SQLite search index (migration 10): built for messages stored before it, and kept in step
// when a message's text changes (an edit) or is erased (a recall).
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { databaseFileName, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { migrate, schemaVersion } from '../../../server/store/sqlite/migrations.js';
import { userToken, userTokenSql } from '../../../server/store/sql/search-statements.js';
import { tempDir } from '../../support/server.js';

let store: SqliteStore | undefined;
afterEach(() => store?.close());

const find = (owner: number, text: string) =>
  store!.searchMessages(owner, { text, who: 0, beforeId: Number.MAX_SAFE_INTEGER, limit: 10 });

it('indexes the messages stored before it and follows later changes to their text', async () => {
  const dir = tempDir();
  const db = new Database(path.join(dir, databaseFileName));
  migrate(db, schemaVersion - 1);
  db.exec(`
    INSERT INTO users (id, name, name_key, name_skeleton, password_hash, created_at) VALUES
      (1, 'ann', 'ann', 'ann', 'h', 1), (2, 'ben', 'ben', 'ben', 'h', 1);
    INSERT INTO chats (id, owner, peer, updated_at, last_seq) VALUES (1, 1, 2, 1, 2), (2, 2, 1, 1, 2);
    INSERT INTO messages (id, sender, client_id, recipient, date, content, sender_seq) VALUES
      (1, 1, 'a', 2, 10, 'an old message about tulips', 1),
      (2, 2, 'b', 1, 11, '旧的消息：郁金香', 1);
    INSERT INTO copies (chat_id, seq, message_id) VALUES (1, 1, 1), (2, 1, 1), (1, 2, 2), (2, 2, 2);
  `);
  db.close();

  store = new SqliteStore(dir);
  expect(await find(1, 'TULIP')).toMatchObject([{ id: 1, peer: 2, peer_name: 'ben', seq: 1, date: 10 }]);
  expect(await find(2, '郁金香')).toMatchObject([{ id: 2, peer: 1, seq: 2 }]);
  await store.close();

  // What an edit and a recall do to the stored text (the actions' store methods).
  const raw = new Database(path.join(dir, databaseFileName));
  raw.prepare('UPDATE messages SET content = ? WHERE id = 1').run('now about roses');
  raw.prepare("UPDATE messages SET content = '' WHERE id = 2").run();
  raw.close();
  store = new SqliteStore(dir);
  expect(await find(1, 'tulip')).toEqual([]);
  expect(await find(1, 'roses')).toMatchObject([{ id: 1 }]);
  expect(await find(1, '郁金香')).toEqual([]);
});

it("computes a user's index token the same in SQL as in the server, one trigram per user", () => {
  const db = new Database(':memory:');
  const inSql = db.prepare(`WITH v(x) AS (SELECT ?) SELECT ${userTokenSql('x')} AS token FROM v`);
  const ids = [1, 2, 6399, 6400, 6401, 40_959_999, 40_960_000, 123_456_789_012];
  for (const id of ids) {
    expect(Array.from(userToken(id))).toHaveLength(3);
    expect((inSql.get(id) as { token: string }).token).toBe(userToken(id));
  }
  expect(new Set(ids.map(userToken)).size).toBe(ids.length);
  db.close();
});
