// PostgreSQL's chat marks and read receipts: the same checks as SQLite's
// (test/server/store/record-state-store.test.ts).
import pg from 'pg';
import { afterEach, it } from 'vitest';
import { PostgresStore } from '../../server/store/postgres/postgres-store.js';
import { checkRecordState } from '../support/record-state-checks.js';

let store: PostgresStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** A fresh database on the run's PostgreSQL (test/cluster/global-setup.ts). */
async function freshDatabase(): Promise<string> {
  const admin = process.env.MESSENGER_TEST_PG_URL!;
  const database = `r_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  return Object.assign(new URL(admin), { pathname: `/${database}` }).href;
}

it('pins, mutes and marks only existing records, and keeps read receipts both ways or not at all', async () => {
  store = await PostgresStore.open(await freshDatabase(), { poolSize: 2 });
  await checkRecordState(store);
});
