// Server, PostgreSQL store: migration 14, a batch of plain text sends in one round trip.
//
// Until 13 a batch took three round trips, each a wake-up of the node and of PostgreSQL on a
// busy machine: BEGIN with the senders' locks and the duplicate check, the write (store_sends),
// COMMIT. write_sends runs as one statement in its own transaction: it takes the senders' locks
// (the node gives their keys in ascending order, the keys single sends lock), leaves out every
// send whose (sender, clientId) is already stored, has store_sends write the rest, and commits
// when it returns. Each row it returns is a send it wrote, with the send's place in the arrays
// (from 1); a send without a row was a repeat.
//
// store_sends now locks the batch's records without writing them: an upsert that updated a record
// (to lock it) made a row version of this transaction, and the batch's update of that record then
// fired its two foreign-key checks again (PostgreSQL checks keys of a row updated twice in one
// transaction). ON CONFLICT … WHERE FALSE locks the existing row and leaves it as it was.
import { sendBatchFirstCopyMigration } from './send-batch-first-copy-migration.js';

const lockByNewVersion = 'ON CONFLICT (owner, peer) DO UPDATE SET last_seq = c.last_seq;';
const lockOnly = 'ON CONFLICT (owner, peer) DO UPDATE SET last_seq = c.last_seq WHERE FALSE;';
if (!sendBatchFirstCopyMigration.includes(lockByNewVersion)) throw new Error('migration 13 no longer locks by upsert');

/** store_sends' columns (migration 11) with their types: the sent message, then each record's state. */
const recordColumns = (side: 's' | 'r'): Array<[string, string]> =>
  (
    [
      ['id', 'BIGINT'],
      ['unread', 'BIGINT'],
      ['last_seq', 'BIGINT'],
      ['pinned_at', 'BIGINT'],
      ['muted', 'BOOLEAN'],
      ['marked_unread', 'BOOLEAN'],
      ['peer_read_id', 'BIGINT'],
    ] as const
  ).map(([name, type]) => [`${side}_${name}`, type]);
const sentColumns: Array<[string, string]> = [
  ['sent_id', 'BIGINT'],
  ['from_name', 'TEXT'],
  ['to_name', 'TEXT'],
  ...recordColumns('s'),
  ...recordColumns('r'),
];

export const writeSendsMigration = `
  ${sendBatchFirstCopyMigration.replace(lockByNewVersion, lockOnly)}
  CREATE FUNCTION write_sends(
    lock_space INTEGER, lock_keys INTEGER[], senders BIGINT[], receivers BIGINT[], client_ids TEXT[],
    contents BYTEA[], dates BIGINT[], viewing BOOLEAN[]
  ) RETURNS TABLE (send_index BIGINT, ${sentColumns.map(([name, type]) => `${name} ${type}`).join(', ')})
  LANGUAGE plpgsql AS $$
  DECLARE
    fresh INTEGER[];
  BEGIN
    -- The senders' locks, in the ascending order of lock_keys (a function scan yields its rows in order).
    PERFORM pg_advisory_xact_lock(lock_space, k) FROM unnest(lock_keys) AS k;
    -- A new statement: it sees every send stored while the locks were awaited.
    SELECT coalesce(array_agg(b.i::INTEGER ORDER BY b.i), '{}') INTO fresh
      FROM unnest(senders, client_ids) WITH ORDINALITY AS b(f, cid, i)
      WHERE NOT EXISTS (SELECT FROM messages m WHERE m.sender = b.f AND m.client_id = b.cid);
    IF cardinality(fresh) = 0 THEN
      RETURN;
    END IF;
    RETURN QUERY
      SELECT fresh[s.ordinality::INTEGER]::BIGINT, ${sentColumns.map(([name]) => `s.${name}`).join(', ')}
      FROM store_sends(
        ARRAY(SELECT senders[i] FROM unnest(fresh) AS i), ARRAY(SELECT receivers[i] FROM unnest(fresh) AS i),
        ARRAY(SELECT client_ids[i] FROM unnest(fresh) AS i), ARRAY(SELECT contents[i] FROM unnest(fresh) AS i),
        ARRAY(SELECT dates[i] FROM unnest(fresh) AS i), ARRAY(SELECT viewing[i] FROM unnest(fresh) AS i)
      ) WITH ORDINALITY AS s;
  END
  $$;
`;
