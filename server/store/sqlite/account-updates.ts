// Server, SQLite store: an administrator's change to an account, rolled back when it would leave
// no active admin (moved out of sqlite-store.ts to keep that file small).
import type Database from 'better-sqlite3';
import type { Account, AccountUpdate } from '../store.js';
import { toAccount, type AccountRow } from '../sql/rows.js';
import type { GroupCommit } from './group-commit.js';

/** Thrown so that the savepoint undoes a change that left no active admin. */
class LastAdmin extends Error {}

export function account(row: unknown): Account | null {
  return row ? toAccount(row as AccountRow) : null;
}

/** Runs a change to an account; rolled back when it leaves no active admin. */
export async function updateAccount(
  commits: GroupCommit,
  activeAdmins: Database.Statement,
  change: () => Account | null,
): Promise<AccountUpdate> {
  try {
    return await commits.run((): AccountUpdate => {
      const user = change();
      if (!user) return { kind: 'unknown' };
      if ((activeAdmins.get() as { n: number }).n === 0) throw new LastAdmin();
      return { kind: 'updated', user };
    });
  } catch (error) {
    if (error instanceof LastAdmin) return { kind: 'last-admin' };
    throw error;
  }
}
