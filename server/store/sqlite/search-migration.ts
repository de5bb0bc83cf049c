// Server, SQLite store: migration 10, the search index (docs/protocol.md §6.13).
//
// An external-content FTS5 table over messages.content with the trigram tokenizer (substring
// matching in any script, case folded), kept in step by triggers, so an edit or a recall (which
// erases the text) re-indexes the message in the same transaction. Built here for existing
// messages. Copies are found by message id for a hit's record and seq.
export const searchMigration = `
  CREATE VIRTUAL TABLE message_text USING fts5(
    content, content = 'messages', content_rowid = 'id', tokenize = 'trigram case_sensitive 0'
  );
  CREATE TRIGGER message_text_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_text (rowid, content) VALUES (new.id, new.content);
  END;
  CREATE TRIGGER message_text_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO message_text (message_text, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO message_text (rowid, content) VALUES (new.id, new.content);
  END;
  CREATE TRIGGER message_text_delete AFTER DELETE ON messages BEGIN
    INSERT INTO message_text (message_text, rowid, content) VALUES ('delete', old.id, old.content);
  END;
  INSERT INTO message_text (message_text) VALUES ('rebuild');
  CREATE INDEX IF NOT EXISTS copies_by_message ON copies (message_id);
`;
