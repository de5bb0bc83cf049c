// Server, SQLite store: the shared statements plus the dual write's own, which SQLite runs
// as several statements inside one transaction (PostgreSQL runs it as one upsert).
import { seenByReader } from '../sql/record-state.js';
import { sharedSql } from '../sql/statements.js';

export const sql = {
  ...sharedSql,
  // The receiver's side. The sender has read everything the receiver sent them: the receiver's
  // record learns so (as markSeen, in the same statement), when both have receipts on. Values:
  // date, unread step, the two users, seenByReaderValues(sender, receiver), receiver, sender.
  // (A scalar subquery over the row, not UPDATE … FROM: that materialized a one-row table per send.)
  appendToChat: `UPDATE chats SET last_seq = last_seq + 1, updated_at = ?, unread = unread + ?,
      peer_read_id = (SELECT CASE WHEN s.seen_id > coalesce(chats.peer_read_id, 0)
          AND NOT EXISTS (SELECT 1 FROM users WHERE id IN (?, ?) AND NOT read_receipts)
        THEN s.seen_id ELSE chats.peer_read_id END FROM (SELECT ${seenByReader} AS seen_id) s)
    WHERE owner = ? AND peer = ? RETURNING id, unread, last_seq, pinned_at, muted, marked_unread, peer_read_id`,
  // The sender's side: they have read their record, so its unread count and mark clear too.
  appendAsSender: `UPDATE chats SET last_seq = last_seq + 1, updated_at = ?, unread = 0, marked_unread = FALSE
    WHERE owner = ? AND peer = ? RETURNING id, unread, last_seq, pinned_at, muted, marked_unread, peer_read_id`,
  // Its id is the run's lastInsertRowid: RETURNING would pass the row through a temporary table.
  insertMessage: `INSERT INTO messages (sender, client_id, recipient, date, content, sender_seq, attachments)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  // A send's two copies, the sender's then the receiver's, in one statement: one call fewer per send.
  insertBothCopies: `INSERT INTO copies (chat_id, seq, message_id) VALUES (?, ?, ?), (?, ?, ?)`,
} as const;
