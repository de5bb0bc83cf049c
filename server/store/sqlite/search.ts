// Server, SQLite store: messages:search. Queries of three or more code points go through the
// FTS5 trigram index of message text and users (migration 10, search-migration.ts), newest first;
// shorter ones scan the caller's newest copies.
//
// New messages are indexed in batches, not one by one as they are stored: the trigram index's
// cost per message falls several times over when a few hundred go in together, which keeps a
// send's cost close to what it was without the index. A search first indexes whatever is
// waiting, in the same turn of the commit queue, so it never misses a stored message.
import type Database from 'better-sqlite3';
import {
  foldCase,
  ftsQuery,
  hitColumns,
  inScope,
  ownersSql,
  isShortQuery,
  searchableCopy,
  shortQueryScanCopies,
  toFound,
  type FoundRow,
  type MessageSearch,
} from '../sql/search-statements.js';
import type { GroupCommit } from './group-commit.js';
import { prepare } from './prepare.js';

/** How often waiting messages are indexed when nobody searches. */
export const indexEveryMs = 250;
/** Most messages indexed in one statement. */
const indexBatch = 5000;

// CROSS JOIN keeps the index the outer loop, read newest first, so a page stops after `limit`.
const indexed = `SELECT ${hitColumns}
  FROM message_text f
  CROSS JOIN messages m ON m.id = f.rowid
  CROSS JOIN copies k ON k.message_id = m.id
  CROSS JOIN chats c ON c.id = k.chat_id
  JOIN users p ON p.id = c.peer
  WHERE message_text MATCH ? AND f.rowid < ? AND instr(search_fold(m.content), ?) > 0
    AND ${inScope} AND ${searchableCopy}
  ORDER BY f.rowid DESC LIMIT ?`;

const scanned = `SELECT ${hitColumns}
  FROM (SELECT k.chat_id, k.seq FROM chats c CROSS JOIN copies k ON k.chat_id = c.id
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
  private readonly behind: Database.Statement;
  private readonly index: Database.Statement;
  private readonly timer: NodeJS.Timeout;

  constructor(
    db: Database.Database,
    private readonly commits: GroupCommit,
  ) {
    db.function('search_fold', { deterministic: true }, (text) => foldCase(String(text)));
    this.indexed = prepare(db, indexed);
    this.scanned = prepare(db, scanned);
    this.behind = prepare(db, `SELECT 1 FROM messages WHERE id > (SELECT upto FROM message_text_progress) LIMIT 1`);
    this.index = prepare(
      db,
      `INSERT INTO message_text (rowid, content, owners)
      SELECT m.id, m.content, ${ownersSql} FROM messages m
      WHERE m.id > (SELECT upto FROM message_text_progress) ORDER BY m.id LIMIT ?
      RETURNING rowid`,
    );
    const progress = prepare(db, 'UPDATE message_text_progress SET upto = ?');
    this.advance = (upto: number) => progress.run(upto);
    // Checked outside the queue (no transaction is open between its turns): an idle server commits nothing.
    this.timer = setInterval(() => {
      if (this.commits.isClosed) clearInterval(this.timer);
      else if (this.behind.get()) this.commits.run(() => this.catchUp()).catch(() => undefined);
    }, indexEveryMs).unref();
  }

  private readonly advance: (upto: number) => unknown;

  /** At most `limit` copies in the owner's records whose text contains `text`, newest first. */
  find(owner: number, { text, who, beforeId, limit }: MessageSearch): Promise<FoundRow[]> {
    return this.commits.run(() => {
      if (isShortQuery(text))
        return (this.scanned.all(owner, who, who, beforeId, foldCase(text), limit) as FoundRow[]).map(toFound);
      this.catchUp();
      const rows = this.indexed.all(
        ftsQuery(owner, who, text),
        beforeId,
        foldCase(text),
        owner,
        owner,
        owner,
        who,
        who,
        limit,
      );
      return (rows as FoundRow[]).map(toFound);
    });
  }

  /** Indexes every stored message not indexed yet. */
  private catchUp(): void {
    for (;;) {
      const rows = this.index.all(indexBatch) as Array<{ rowid: number }>;
      if (rows.length === 0) return;
      this.advance(Math.max(...rows.map((row) => row.rowid)));
      if (rows.length < indexBatch) return;
    }
  }
}
