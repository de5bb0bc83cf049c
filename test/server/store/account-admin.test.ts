// The administrator's store methods on SQLite (the same checks run on PostgreSQL in the cluster suite).
import { afterEach, it } from 'vitest';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { checkAccountAdministration } from '../../support/account-admin-checks.js';
import { tempDir } from '../../support/server.js';

let store: SqliteStore | undefined;
afterEach(() => store?.close());

it('lists, changes and logs accounts, never leaving no active admin, and lists and revokes invites', async () => {
  store = new SqliteStore(tempDir());
  await checkAccountAdministration(store);
});
