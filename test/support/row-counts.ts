// Test support: how many rows a table of the test server's store holds — its SQLite file, or in
// the cluster run its PostgreSQL database — to see what a change wrote or trashed.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseFileName } from '../../server/store/sqlite/sqlite-store.js';
import type { TestServer } from './server.js';

export async function rowCount(server: TestServer, table: string): Promise<number> {
  if (server.dbUrl) {
    const client = new pg.Client({ connectionString: server.dbUrl });
    await client.connect();
    try {
      return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
    } finally {
      await client.end();
    }
  }
  return sqliteRowCount(server.dataDir, table);
}

/** The rows of a table in the SQLite store of a data folder, read beside the store (it may be open). */
export function sqliteRowCount(dataDir: string, table: string): number {
  const db = new Database(path.join(dataDir, databaseFileName), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
