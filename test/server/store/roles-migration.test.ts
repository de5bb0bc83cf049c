// Migration 4 of the SQLite store: existing users get roles, the lowest id being the admin.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { databaseFileName, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { migrate } from '../../../server/store/sqlite/migrations.js';
import { tempDir } from '../../support/server.js';

let store: SqliteStore | undefined;
afterEach(() => store?.close());

it('makes the oldest existing user the admin and the others members', async () => {
  const dir = tempDir();
  const db = new Database(path.join(dir, databaseFileName));
  migrate(db, 3);
  const insert = db.prepare(
    'INSERT INTO users (id, name, name_key, name_skeleton, password_hash, created_at) VALUES (?, ?, ?, ?, ?, 1)',
  );
  insert.run(7, 'seven', 'seven', 'seven', 'h');
  insert.run(3, 'three', 'three', 'three', 'h');
  insert.run(9, 'nine', 'nine', 'nine', 'h');
  db.close();

  store = new SqliteStore(dir);
  expect(await store.accounts(0, 1000)).toMatchObject([
    { id: 3, name: 'three', role: 'admin' },
    { id: 7, name: 'seven', role: 'member' },
    { id: 9, name: 'nine', role: 'member' },
  ]);
  expect(await store.createUser('ten', 'ten', 'h', 2)).toEqual({ id: 10, name: 'ten', role: 'member' });
});
