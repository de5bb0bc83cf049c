// Server, PostgreSQL store: an administrator's change to an account, rolled back when it would
// leave no active admin (moved out of postgres-store.ts to keep that file small).
import type pg from 'pg';
import type { Account, AccountUpdate } from '../store.js';
import { toAccount, type AccountRow } from '../sql/rows.js';
import type { Connections } from './connections.js';
import { statement } from './statements.js';

/** Thrown so that the rollback undoes a change that left no active admin. */
class LastAdmin extends Error {}

/** The advisory lock administrators' changes to accounts take turns on; "msga" in ASCII. */
const accountsLock = 0x6d736761;

export async function account(c: pg.PoolClient, query: pg.QueryConfig): Promise<Account | null> {
  const { rows } = await c.query<AccountRow>(query);
  return rows[0] ? toAccount(rows[0]) : null;
}

/**
 * Runs a change to an account; rolled back when it leaves no active admin. Changes take turns on
 * one lock, so two admins demoting each other at once cannot both succeed.
 */
export async function updateAccount(
  db: Connections,
  id: number,
  change: (c: pg.PoolClient) => Promise<Account | null>,
): Promise<AccountUpdate> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2 ** 62) return { kind: 'unknown' };
  try {
    return await db.transaction(
      async (c): Promise<AccountUpdate> => {
        const user = await change(c);
        if (!user) return { kind: 'unknown' };
        const { rows } = await c.query<{ n: number }>(statement('activeAdmins', []));
        if (rows[0]!.n === 0) throw new LastAdmin();
        return { kind: 'updated', user };
      },
      'READ COMMITTED',
      `SELECT pg_advisory_xact_lock(${accountsLock})`,
    );
  } catch (error) {
    if (error instanceof LastAdmin) return { kind: 'last-admin' };
    throw error;
  }
}
