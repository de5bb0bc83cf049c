// Server: messages:search (docs/protocol.md §6.13) — the caller's own records, newest first,
// one page at a time through the heavy-reads limiter like the other list reads.
import type { SearchPage, SearchRequest } from '../../protocol/contract.js';
import { limits } from '../../protocol/limits.js';
import type { Store } from '../store/store.js';
import type { HeavyReads } from './heavy-reads.js';
import { snippetOf } from './search-snippet.js';

export async function searchMessages(
  deps: { store: Store; heavyReads: HeavyReads },
  owner: number,
  request: SearchRequest,
): Promise<SearchPage> {
  const limit = request.limit ?? limits.searchDefaultLimit;
  // One more than the page, to know whether another follows.
  const rows = await deps.heavyReads(() =>
    deps.store.searchMessages(owner, {
      text: request.q,
      who: request.who ?? 0,
      beforeId: request.before === undefined ? Number.MAX_SAFE_INTEGER : Number(request.before),
      limit: limit + 1,
    }),
  );
  const hits = rows.slice(0, limit).map((row) => ({
    who: row.peer,
    name: row.peer_name,
    seq: row.seq,
    id: row.id,
    date: row.date,
    ...snippetOf(row.content, request.q),
  }));
  return rows.length > limit ? { hits, next: String(hits.at(-1)!.id) } : { hits };
}
