// Server, PostgreSQL store: messages:search, with the same results as SQLite's (sqlite/search.ts).
// Queries of three or more code points go through the pg_trgm GIN index (migration 10); shorter
// ones scan the caller's newest copies.
import type { Connections } from './connections.js';
import { numbered } from '../sql/statements.js';
import {
  hitColumns,
  inScope,
  isShortQuery,
  likePattern,
  searchableCopy,
  shortQueryScanCopies,
  toFound,
  type FoundRow,
  type MessageSearch,
} from '../sql/search-statements.js';

const indexed = numbered(`SELECT ${hitColumns}
  FROM messages m
  JOIN copies k ON k.message_id = m.id
  JOIN chats c ON c.id = k.chat_id
  JOIN users p ON p.id = c.peer
  WHERE message_search_text(m.content) ILIKE ? AND m.id < ? AND ${inScope} AND ${searchableCopy}
  ORDER BY m.id DESC LIMIT ?`);

// lower() folds what ILIKE folds; the caller folds the query the same way (ASCII in the C locale).
const scanned = numbered(`SELECT ${hitColumns}
  FROM (SELECT k.chat_id, k.seq FROM chats c JOIN copies k ON k.chat_id = c.id
    WHERE c.owner = ? AND (?::bigint = 0 OR c.peer = ?) ORDER BY k.message_id DESC LIMIT ${shortQueryScanCopies}) w
  JOIN copies k ON k.chat_id = w.chat_id AND k.seq = w.seq
  JOIN messages m ON m.id = k.message_id
  JOIN chats c ON c.id = k.chat_id
  JOIN users p ON p.id = c.peer
  WHERE m.id < ? AND strpos(lower(message_search_text(m.content)), lower(?::text)) > 0 AND ${searchableCopy}
  ORDER BY m.id DESC LIMIT ?`);

export class PostgresSearch {
  constructor(private readonly db: Connections) {}

  /** At most `limit` copies in the owner's records whose text contains `text`, newest first. */
  async find(owner: number, { text, who, beforeId, limit }: MessageSearch): Promise<FoundRow[]> {
    const rows = isShortQuery(text)
      ? await this.db.query<FoundRow>({ text: scanned, values: [owner, who, who, beforeId, text, limit] })
      : await this.db.query<FoundRow>({
          text: indexed,
          values: [likePattern(text), beforeId, owner, owner, owner, who, who, limit],
        });
    return rows.map(toFound);
  }
}
