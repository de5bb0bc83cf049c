// SQLite's chat marks and read receipts (the checks in test/support/record-state-checks.ts).
import { afterEach, it } from 'vitest';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { tempDir } from '../../support/server.js';
import { checkRecordState } from '../../support/record-state-checks.js';

let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

it('pins, mutes and marks only existing records, and keeps read receipts both ways or not at all', async () => {
  store = new SqliteStore(tempDir());
  await checkRecordState(store);
});
