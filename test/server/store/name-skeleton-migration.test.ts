// Migration 2 of the SQLite store: existing users get their names' skeletons, the older of two
// names that already look alike keeps it, and from then on a lookalike cannot be registered.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { databaseFileName, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { migrate } from '../../../server/store/sqlite/migrations.js';
import { tempDir } from '../../support/server.js';

let store: SqliteStore | undefined;
afterEach(() => store?.close());

it('gives existing users their skeletons, keeps the first of two lookalikes, then refuses lookalikes', async () => {
  const dir = tempDir();
  // Schema 1, with two names from before the rule.
  const db = new Database(path.join(dir, databaseFileName));
  migrate(db, 1);
  const insert = db.prepare('INSERT INTO users (name, name_key, password_hash, created_at) VALUES (?, ?, ?, 1)');
  insert.run('alice', 'alice', 'h');
  insert.run('\u0430lice', '\u0430lice', 'h');
  db.close();

  store = new SqliteStore(dir);
  const check = new Database(path.join(dir, databaseFileName), { readonly: true });
  expect(check.prepare('SELECT name, name_skeleton FROM users ORDER BY id').all()).toEqual([
    { name: 'alice', name_skeleton: 'alice' },
    { name: '\u0430lice', name_skeleton: null },
  ]);
  check.close();
  expect((await store.listUsers(null, 10)).map((user) => user.name)).toEqual(['alice', '\u0430lice']);
  expect(await store.createUser('a1ice', 'a1ice', 'h', 2)).toBeNull();
  expect(await store.createUser('bob', 'bob', 'h', 2)).not.toBeNull();
});
