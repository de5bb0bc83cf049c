// Server, SQLite store: the shared statements plus the dual write's own, which SQLite runs
// as several statements inside one transaction (PostgreSQL runs it as one upsert).
import { sharedSql } from '../sql/statements.js';

export const sql = {
  ...sharedSql,
  appendToChat: `UPDATE chats SET last_seq = last_seq + 1, updated_at = ?, unread = unread + ?
    WHERE owner = ? AND peer = ? RETURNING id, unread, last_seq, pinned_at, muted, marked_unread, peer_read_id`,
  insertMessage: `INSERT INTO messages (sender, client_id, recipient, date, content, sender_seq, attachments)
    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  insertCopy: `INSERT INTO copies (chat_id, seq, message_id) VALUES (?, ?, ?)`,
} as const;
