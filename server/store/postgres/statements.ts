// Server, PostgreSQL store: the shared statements in PostgreSQL's numbered form, plus the dual
// write's own single-statement upsert (SQLite runs it as several statements).
import type pg from 'pg';
import { numbered, sharedSql, type SharedStatement } from '../sql/statements.js';

export const sql = {
  ...(Object.fromEntries(Object.entries(sharedSql).map(([name, text]) => [name, numbered(text)])) as Record<
    SharedStatement,
    string
  >),
  // Name keys compared as code points, as SQLite compares them, through users_by_name_key.
  listUsers: `SELECT id, name, name_key, state, avatar FROM users WHERE name_key COLLATE "C" > $1
    ORDER BY name_key COLLATE "C" LIMIT $2`,
  // Read receipts turned off: rows locked in owner order, as sends lock them, so the two never deadlock.
  forgetReceipts: `UPDATE chats SET peer_read_id = NULL WHERE id IN (
      SELECT id FROM chats WHERE (owner = $1 OR peer = $1) AND peer_read_id IS NOT NULL ORDER BY owner, peer FOR UPDATE)`,
  // The whole dual write in one round trip. Both records are appended to (or created, the
  // first time) by one upsert that locks them lower owner first, so two people writing to
  // each other cannot deadlock and seqs stay gap-free; the message takes the sender's new
  // seq and both copies take their record's. The sender has read their record: its unread
  // and unread mark clear (docs/protocol.md 6.12).
  storeSend: `WITH r AS (
      INSERT INTO chats AS c (owner, peer, updated_at, unread, last_seq)
      VALUES ($1::bigint, $2::bigint, $5::bigint, $3::bigint, 1), ($2, $1, $5, $4::bigint, 1)
      ON CONFLICT (owner, peer) DO UPDATE
        SET last_seq = c.last_seq + 1, updated_at = EXCLUDED.updated_at,
          unread = CASE WHEN c.owner = $6 THEN 0 ELSE c.unread + EXCLUDED.unread END,
          marked_unread = c.marked_unread AND c.owner <> $6
      RETURNING c.id, c.owner, c.unread, c.last_seq, c.pinned_at, c.muted, c.marked_unread, c.peer_read_id
    ), m AS (
      INSERT INTO messages (sender, client_id, recipient, date, content, sender_seq, attachments)
      SELECT $6::bigint, $7::text, $8::bigint, $5, $9::bytea, r.last_seq, $10::int FROM r WHERE r.owner = $6
      RETURNING id
    ), k AS (
      INSERT INTO copies (chat_id, seq, message_id) SELECT r.id, r.last_seq, m.id FROM r, m
    )
    SELECT r.id, r.owner, r.unread, r.last_seq, r.pinned_at, r.muted, r.marked_unread, r.peer_read_id,
      m.id AS message_id,
      (SELECT name FROM users WHERE id = $6) AS from_name, (SELECT name FROM users WHERE id = $8) AS to_name
    FROM r, m`,
  // Every first copy of a batch's (sender, clientId) pairs (findSent's columns, with the pair).
  findSentBatch: `SELECT m.id, m.client_id, m.sender, s.name AS sender_name, m.date, m.content, m.sender_seq AS seq,
      m.attachments, m.kind, m.target, m.text, m.reply_to, m.recalled, m.edited_at, m.forwarded, FALSE AS hidden
    FROM unnest($1::bigint[], $2::text[]) AS b(sender, client_id)
    JOIN messages m ON m.sender = b.sender AND m.client_id = b.client_id JOIN users s ON s.id = m.sender`,
  // A batch of plain text sends in its own transaction (migration 14): a row per send written, in order.
  writeSends: `SELECT * FROM write_sends($1::integer, $2::integer[], $3::bigint[], $4::bigint[], $5::text[], $6::bytea[], $7::bigint[], $8::boolean[])`,
};

/**
 * One of the statements above with its values, named so that each connection prepares it
 * once: PostgreSQL then skips parsing and planning it on every send.
 */
export function statement(name: keyof typeof sql, values: unknown[]): pg.QueryConfig {
  return { name, text: sql[name], values };
}
