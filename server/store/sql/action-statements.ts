// Server, store: the SQL of replies, forwards and actions on a message (docs/protocol.md 6.11)
// that SQLite and PostgreSQL share, with `?` placeholders (PostgreSQL numbers them).

import { attachmentColumns } from './file-statements.js';

export const actionSql = {
  // A forwarded message's files, in order.
  filesOf: `SELECT ${attachmentColumns} FROM files WHERE message_id = ? ORDER BY position`,
  // The message `id` as the record (owner, peer) holds it, found through copies_by_message.
  actedOn: `SELECT m.id, m.sender, s.name AS sender_name, m.date, m.content, m.kind, m.recalled, m.attachments,
      k.hidden, c.id AS chat_id
    FROM chats c JOIN copies k ON k.chat_id = c.id JOIN messages m ON m.id = k.message_id JOIN users s ON s.id = m.sender
    WHERE c.owner = ? AND c.peer = ? AND k.message_id = ?`,
  // An action copy takes the record's next seq but moves neither updated_at nor unread.
  appendAction: `UPDATE chats SET last_seq = last_seq + 1 WHERE id = ? RETURNING id, unread, last_seq`,
  insertAction: `INSERT INTO messages (sender, client_id, recipient, date, content, sender_seq, attachments, kind, target,
      text)
    VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id`,
  insertCopy: `INSERT INTO copies (chat_id, seq, message_id) VALUES (?, ?, ?)`,
  // What a send carries beyond its text: the quote snapshot (JSON) and the forward flag.
  markSent: `UPDATE messages SET reply_to = ?, forwarded = ? WHERE id = ?`,
  recall: `UPDATE messages SET recalled = TRUE, content = '', attachments = 0 WHERE id = ?`,
  // A recall erases its message's text from the edits of it too (they follow it in the pair,
  // found through messages_by_pair). Values: text, content, sender, recipient, target, target.
  eraseEdits: `UPDATE messages SET text = ?, content = ?
    WHERE sender = ? AND recipient = ? AND id > ? AND kind = 'edit' AND target = ?`,
  // The pair's later messages that quote something, for a recall to blank its quotes (the JSON is
  // read in code). Values: a, b, b, a, target.
  quotesAfter: `SELECT id, reply_to FROM messages
    WHERE ((sender = ? AND recipient = ?) OR (sender = ? AND recipient = ?)) AND id > ? AND reply_to IS NOT NULL`,
  setQuote: `UPDATE messages SET reply_to = ? WHERE id = ?`,
  edit: `UPDATE messages SET content = ?, edited_at = ? WHERE id = ?`,
  hide: `UPDATE copies SET hidden = TRUE WHERE chat_id = ? AND message_id = ?`,
  // A recalled message's files go for both sides.
  deleteMessageFiles: `DELETE FROM files WHERE message_id = ? RETURNING blob_key`,
  // A hidden copy's side lets go of its files (as file-statements.ts's release); values: owner, owner, id.
  releaseMessageFiles: `UPDATE files SET kept_by_sender = (kept_by_sender AND uploader <> ?),
      kept_by_recipient = (kept_by_recipient AND uploader = ?)
    WHERE message_id = ?`,
  deleteUnheldMessageFiles: `DELETE FROM files WHERE message_id = ? AND NOT kept_by_sender AND NOT kept_by_recipient
    RETURNING blob_key`,
  // A forwarded file: a new row (the forwarder its uploader) on the same blob. Values: new id,
  // uploader, created_at, message, source file id.
  copyFile: `INSERT INTO files (id, uploader, name, size, mime, sha256, width, height, blob_key, created_at, message_id,
      position)
    SELECT CAST(? AS TEXT), CAST(? AS BIGINT), name, size, mime, sha256, width, height, blob_key, CAST(? AS BIGINT),
      CAST(? AS BIGINT), position
    FROM files WHERE id = ?`,
} as const;
