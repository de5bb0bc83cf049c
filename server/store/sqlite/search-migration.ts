// Server, SQLite store: migration 10, the search index (docs/protocol.md §6.13).
//
// An external-content FTS5 table over messages.content with the trigram tokenizer (substring
// matching in any script, case folded), built here for existing messages. New messages are
// added in batches by the store (sqlite/search.ts) up to message_text_progress.upto; an edit or
// a recall (which erases the text) of a message already indexed re-indexes it by trigger, in
// the same transaction. Copies are found by message id for a hit's record and seq.
export const searchMigration = `
  CREATE VIRTUAL TABLE message_text USING fts5(
    content, content = 'messages', content_rowid = 'id', tokenize = 'trigram case_sensitive 0'
  );
  CREATE TABLE message_text_progress (upto INTEGER NOT NULL);
  INSERT INTO message_text_progress (upto) SELECT coalesce(max(id), 0) FROM messages;
  CREATE TRIGGER message_text_update AFTER UPDATE OF content ON messages
    WHEN old.id <= (SELECT upto FROM message_text_progress) BEGIN
    INSERT INTO message_text (message_text, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO message_text (rowid, content) VALUES (new.id, new.content);
  END;
  CREATE TRIGGER message_text_delete AFTER DELETE ON messages
    WHEN old.id <= (SELECT upto FROM message_text_progress) BEGIN
    INSERT INTO message_text (message_text, rowid, content) VALUES ('delete', old.id, old.content);
  END;
  INSERT INTO message_text (message_text) VALUES ('rebuild');
  CREATE INDEX IF NOT EXISTS copies_by_message ON copies (message_id);
`;
