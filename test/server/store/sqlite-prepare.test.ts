// The SQLite store prepares each statement so that it is compiled once (server/store/sqlite/prepare.ts):
// a limit bound as `LIMIT ?` would make SQLite compile the statement again at every run.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepare } from '../../../server/store/sqlite/prepare.js';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { tempDir } from '../../support/server.js';

describe('SQLite statements', () => {
  let store: SqliteStore | null = null;
  afterEach(async () => {
    vi.restoreAllMocks();
    await store?.close();
    store = null;
  });

  it('bind no limit where the planner reads it', () => {
    const prepared = vi.spyOn(Database.prototype, 'prepare');
    store = new SqliteStore(tempDir());
    const texts = prepared.mock.calls.map(([text]) => text);
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.filter((text) => /LIMIT \+\?/.test(text)).length).toBeGreaterThan(10);
    expect(texts.filter((text) => /LIMIT \?/.test(text))).toEqual([]);
  });

  it('still pages by the bound limit', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    for (let n = 1; n <= 10; n++) insert.run(n);
    const page = prepare(db, 'SELECT n FROM t WHERE n > ? ORDER BY n LIMIT ?');
    expect(page.all(2, 3)).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
    expect(page.all(8, 3)).toEqual([{ n: 9 }, { n: 10 }]);
    db.close();
  });
});
