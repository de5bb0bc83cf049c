// Server, SQLite store: messages:search. Queries of three or more code points go through the
// FTS5 trigram index of message text (migration 10, search-migration.ts), newest message first;
// shorter ones scan the caller's newest copies. Runs inside the caller's GroupCommit turn.
import type Database from 'better-sqlite3';
import {
  foldCase,
  ftsPhrase,
  hitColumns,
  inScope,
  isShortQuery,
  searchableCopy,
  shortQueryScanCopies,
  toFound,
  type FoundRow,
  type MessageSearch,
} from '../sql/search-statements.js';

// CROSS JOIN keeps the index the outer loop, read newest first, so a page stops after `limit`.
const indexed = `SELECT ${hitColumns}
  FROM message_text f
  CROSS JOIN messages m ON m.id = f.rowid
  CROSS JOIN copies k ON k.message_id = m.id
  CROSS JOIN chats c ON c.id = k.chat_id
  JOIN users p ON p.id = c.peer
  WHERE message_text MATCH ? AND f.rowid < ? AND ${inScope} AND ${searchableCopy}
  ORDER BY f.rowid DESC LIMIT ?`;

const scanned = `SELECT ${hitColumns}
  FROM (SELECT k.chat_id, k.seq, k.message_id FROM chats c CROSS JOIN copies k ON k.chat_id = c.id
    WHERE c.owner = ? AND (? = 0 OR c.peer = ?) ORDER BY k.message_id DESC LIMIT ${shortQueryScanCopies}) w
  JOIN copies k ON k.chat_id = w.chat_id AND k.seq = w.seq
  JOIN messages m ON m.id = k.message_id
  JOIN chats c ON c.id = k.chat_id
  JOIN users p ON p.id = c.peer
  WHERE m.id < ? AND instr(search_fold(m.content), ?) > 0 AND ${searchableCopy}
  ORDER BY m.id DESC LIMIT ?`;

export class SqliteSearch {
  private readonly indexed: Database.Statement;
  private readonly scanned: Database.Statement;

  constructor(db: Database.Database) {
    db.function('search_fold', { deterministic: true }, (text) => foldCase(String(text)));
    this.indexed = db.prepare(indexed);
    this.scanned = db.prepare(scanned);
  }

  /** At most `limit` copies in the owner's records whose text contains `text`, newest first. */
  find(owner: number, { text, who, beforeId, limit }: MessageSearch): FoundRow[] {
    const rows = isShortQuery(text)
      ? this.scanned.all(owner, who, who, beforeId, foldCase(text), limit)
      : this.indexed.all(ftsPhrase(text), beforeId, owner, owner, owner, who, who, limit);
    return (rows as FoundRow[]).map(toFound);
  }
}
