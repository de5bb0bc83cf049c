// The store's files on SQLite (the same checks run on PostgreSQL in the cluster suite), and
// that reading a file and releasing a record's files go through indexes, never a table scan.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { databaseFileName, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { fileSql } from '../../../server/store/sql/file-statements.js';
import { checkAttachRace, checkFileStore } from '../../support/file-store-checks.js';
import { tempDir } from '../../support/server.js';

let store: SqliteStore | undefined;
afterEach(() => store?.close());

it('stores uploads, attaches them to both copies, lets the right people read them, and trashes what goes', async () => {
  store = new SqliteStore(tempDir());
  await checkFileStore(store);
});

it('attaches one upload to one of two sends racing for it', async () => {
  store = new SqliteStore(tempDir());
  const [message] = await checkAttachRace(store);
  expect(message).toMatchObject({ content: '[Image] raced.png', caption: '' });
});

it('finds a readable file and a record’s files through indexes', async () => {
  const dir = tempDir();
  store = new SqliteStore(dir);
  await store.close();
  store = undefined;
  const db = new Database(path.join(dir, databaseFileName), { readonly: true });
  try {
    for (const text of Object.values(fileSql)) {
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(
          ...text
            .split('?')
            .slice(1)
            .map(() => 1),
        ) as Array<{ detail: string }>
      ).map((row) => row.detail);
      expect(
        plan.filter((detail) => /^SCAN (files|messages|copies|chats|users|avatars)\b/.test(detail)),
        text,
      ).toEqual([]);
    }
  } finally {
    db.close();
  }
});
