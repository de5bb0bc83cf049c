// Server, PostgreSQL store: migration 10, the search index (docs/protocol.md §6.13).
//
// pg_trgm's GIN index over each message's text. Content is BYTEA (TEXT cannot hold U+0000), so
// the index is on an expression that reads it as text without its NULs; a query must use the
// same expression to use the index. An edit or a recall rewrites content, and the index with it.
// pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
export const searchMigration = `
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE FUNCTION message_search_text(content BYTEA) RETURNS TEXT
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      bytes BYTEA := content;
      at INTEGER;
    BEGIN
      LOOP
        at := position('\\x00'::bytea IN bytes);
        EXIT WHEN at = 0;
        bytes := overlay(bytes PLACING ''::bytea FROM at FOR 1);
      END LOOP;
      RETURN convert_from(bytes, 'UTF8');
    END
  $$;
  CREATE INDEX messages_text_trigrams ON messages USING gin (message_search_text(content) gin_trgm_ops);
  CREATE INDEX IF NOT EXISTS copies_by_message ON copies (message_id);
`;
