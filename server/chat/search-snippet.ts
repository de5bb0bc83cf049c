// Server: the part of a message a search hit shows — about 120 code points around the first
// match, on one line, with every match in it marked (docs/protocol.md §6.13).
import { foldCase } from '../store/sql/search-statements.js';

export const snippetCodePoints = 120;
/** How much of the snippet comes before the first match, at most. */
const leadCodePoints = 40;

export interface Snippet {
  snippet: string;
  /** [start, end) in UTF-16 units of `snippet`. */
  matches: Array<[number, number]>;
}

export function snippetOf(text: string, query: string): Snippet {
  const points = Array.from(text.replace(/[\r\n\t]/g, ' '));
  const needle = foldCase(query);
  const at = foldCase(text).indexOf(needle);
  // Not found (the store folded case differently): the text's start, nothing marked.
  const first = at < 0 ? 0 : Array.from(text.slice(0, at)).length;
  const start = Math.max(0, Math.min(first - leadCodePoints, points.length - snippetCodePoints));
  const end = Math.min(points.length, start + snippetCodePoints);
  const snippet = (start > 0 ? '…' : '') + points.slice(start, end).join('') + (end < points.length ? '…' : '');
  const matches: Array<[number, number]> = [];
  if (at >= 0 && needle.length > 0) {
    const folded = foldCase(snippet);
    for (let i = folded.indexOf(needle); i >= 0; i = folded.indexOf(needle, i + needle.length)) {
      matches.push([i, i + needle.length]);
    }
  }
  return { snippet, matches };
}
