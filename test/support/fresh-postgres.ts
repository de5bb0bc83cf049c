// Test support: a fresh database on the cluster suite's PostgreSQL (test/cluster/global-setup.ts),
// one per test, so tests never see each other's rows.
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { PostgresStore } from '../../server/store/postgres/postgres-store.js';

/** The URL of a new, empty database; `prefix` names the test file in `pg_database`. */
export async function freshDatabase(prefix: string): Promise<string> {
  const admin = process.env.MESSENGER_TEST_PG_URL!;
  const database = `${prefix}_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  return Object.assign(new URL(admin), { pathname: `/${database}` }).href;
}

/** A store on a fresh database with `users` users (U0, U1, …), closed when the test ends. */
export async function storeWithUsers(
  prefix: string,
  users: number,
): Promise<{ store: PostgresStore; ids: number[]; url: string }> {
  const url = await freshDatabase(prefix);
  const store = await PostgresStore.open(url, { poolSize: 4 });
  onTestFinished(() => store.close());
  const ids: number[] = [];
  for (let i = 0; i < users; i++) ids.push((await store.createUser(`U${i}`, `u${i}`, 'hash', 1))!.id);
  return { store, ids, url };
}
