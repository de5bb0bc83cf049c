// PostgreSQL's chat marks and read receipts: the same checks as SQLite's
// (test/server/store/record-state-store.test.ts).
import { afterEach, it } from 'vitest';
import { PostgresStore } from '../../server/store/postgres/postgres-store.js';
import { checkRecordState } from '../support/record-state-checks.js';
import { freshDatabase } from '../support/fresh-postgres.js';

let store: PostgresStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

it('pins, mutes and marks only existing records, and keeps read receipts both ways or not at all', async () => {
  store = await PostgresStore.open(await freshDatabase('r'), { poolSize: 2 });
  await checkRecordState(store);
});
