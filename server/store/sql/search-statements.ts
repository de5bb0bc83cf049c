// Server, store: what messages:search reads (docs/protocol.md §6.13), shared by SQLite and
// PostgreSQL. Each store finds the matching copies its own way (an FTS5 trigram index, a pg_trgm
// GIN index); the scope — the caller's own records, newest first — is written here once.

/** A query of fewer code points than this has no trigram to look up: it scans instead. */
export const trigramCodePoints = 3;

/** A 1–2 code point query looks at no more than the caller's newest this many copies (in scope). */
export const shortQueryScanCopies = 5000;

/**
 * Copies a search may find, as a condition on `m` (messages) and `k` (copies): messages only
 * (an action copy has a `kind`), not recalled (their text is erased too), not hidden in this record.
 */
export const searchableCopy = `m.kind IS NULL AND NOT m.recalled AND NOT k.hidden`;

/** The hit's columns, from a copy `k` of message `m` in the caller's record `c` with peer `p`. */
export const hitColumns = `m.id, m.date, m.content, c.peer, p.name AS peer_name, k.seq`;

/** The caller's records only, optionally the one with `who` (0: all). Placeholders: owner, owner, owner, who, who. */
export const inScope = `c.owner = ? AND (m.sender = ? OR m.recipient = ?) AND (? = 0 OR c.peer = ?)`;

/** A copy found by a search, before its snippet is made. */
export interface FoundRow {
  id: number;
  date: number;
  content: string;
  peer: number;
  peer_name: string;
  seq: number;
}

/** What the store is asked: `text` as the caller typed it; only ids below `beforeId`. */
export interface MessageSearch {
  text: string;
  /** 0: every record of the caller. */
  who: number;
  beforeId: number;
  limit: number;
}

// A user id as three code points of the Private Use Area (6,400 of them, so ids up to
// 6,400³): exactly one trigram. SQLite's index keeps each message's two users' tokens beside
// its text, so a search reads only the caller's entries instead of everyone's matches.
const tokenBase = 0xe000;
const tokenDigits = 6400;

export function userToken(id: number): string {
  const digit = (n: number) => String.fromCodePoint(tokenBase + (n % tokenDigits));
  return digit(Math.floor(id / tokenDigits ** 2)) + digit(Math.floor(id / tokenDigits)) + digit(id);
}

/** The same token computed by SQLite for the integer expression `id`. */
export function userTokenSql(id: string): string {
  const digit = (n: string) => `${tokenBase} + (${n}) % ${tokenDigits}`;
  return `char(${digit(`${id} / ${tokenDigits ** 2}`)}, ${digit(`${id} / ${tokenDigits}`)}, ${digit(id)})`;
}

/** A message row `m`'s two users, as the index's `owners` column holds them. */
export const ownersSql = `${userTokenSql('m.sender')} || ' ' || ${userTokenSql('m.recipient')}`;

/**
 * An FTS5 query for the index (which keeps no positions): the messages of `owner` (and `who`
 * when not 0) that hold trigrams covering `text`. A superset of the hits; the caller checks that
 * the text holds `text` itself.
 */
export function ftsQuery(owner: number, who: number, text: string): string {
  const points = Array.from(text);
  const terms = new Set([owner, ...(who ? [who] : [])].map(userToken));
  // Trigrams that do not overlap (and the last one) select about as well as all of them, and
  // each one left out is a list of rows not read.
  const starts = [];
  for (let i = 0; i + 3 <= points.length; i += 3) starts.push(i);
  starts.push(points.length - 3);
  for (const i of starts) terms.add(points.slice(i, i + 3).join(''));
  return [...terms].map((term) => `"${term.replaceAll('"', '""')}"`).join(' AND ');
}

/** The query as a LIKE/ILIKE pattern (backslash escapes), matching it as a substring. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Folds case the way the short-query scan compares (per UTF-16 unit count kept, so indexes line up). */
export function foldCase(text: string): string {
  let folded = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    folded += lower.length === ch.length ? lower : ch;
  }
  return folded;
}

export function isShortQuery(text: string): boolean {
  let n = 0;
  for (const _ of text) if (++n >= trigramCodePoints) return false;
  return true;
}

export function toFound(row: FoundRow): FoundRow {
  return {
    id: Number(row.id),
    date: Number(row.date),
    content: typeof row.content === 'string' ? row.content : Buffer.from(row.content).toString('utf8'),
    peer: Number(row.peer),
    peer_name: row.peer_name,
    seq: Number(row.seq),
  };
}
