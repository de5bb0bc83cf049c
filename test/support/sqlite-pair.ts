// Test support: a SQLite store in a fresh folder with two users, Alice and Bob, for the store's
// own tests.
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { tempDir } from './server.js';

export async function storeWithPair(): Promise<{ dir: string; store: SqliteStore; alice: number; bob: number }> {
  const dir = tempDir();
  const store = new SqliteStore(dir);
  const alice = (await store.createUser('Alice', 'alice', 'hash', 1))!.id;
  const bob = (await store.createUser('Bob', 'bob', 'hash', 1))!.id;
  return { dir, store, alice, bob };
}
