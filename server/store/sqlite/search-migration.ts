// Server, SQLite store: migration 10, the search index (docs/protocol.md §6.13).
//
// A contentless FTS5 table with the trigram tokenizer (any script, case folded) that keeps no
// positions (detail = none: a fifth of the size, built four times faster): per message, the
// trigrams of its text and its two users' tokens (sql/search-statements.ts). A search asks for
// the caller's token and every trigram of the query, then checks the text holds the query. Built here for existing messages. New messages are
// added in batches by the store (sqlite/search.ts) up to message_text_progress.upto; an edit or
// a recall (which erases the text) of a message already indexed re-indexes it by trigger, in
// the same transaction. Copies are found by message id for a hit's record and seq.
import { ownersSql } from '../sql/search-statements.js';

export const searchMigration = `
  CREATE VIRTUAL TABLE message_text USING fts5(
    content, owners, content = '', contentless_delete = 1, detail = none,
    tokenize = 'trigram case_sensitive 0'
  );
  CREATE TABLE message_text_progress (upto INTEGER NOT NULL);
  INSERT INTO message_text_progress (upto) SELECT coalesce(max(id), 0) FROM messages;
  INSERT INTO message_text (rowid, content, owners) SELECT m.id, m.content, ${ownersSql} FROM messages m;
  CREATE TRIGGER message_text_update AFTER UPDATE OF content ON messages
    WHEN old.id <= (SELECT upto FROM message_text_progress) BEGIN
    DELETE FROM message_text WHERE rowid = old.id;
    INSERT INTO message_text (rowid, content, owners)
      SELECT m.id, m.content, ${ownersSql} FROM messages m WHERE m.id = new.id;
  END;
  CREATE TRIGGER message_text_delete AFTER DELETE ON messages
    WHEN old.id <= (SELECT upto FROM message_text_progress) BEGIN
    DELETE FROM message_text WHERE rowid = old.id;
  END;
  CREATE INDEX IF NOT EXISTS copies_by_message ON copies (message_id);
`;
