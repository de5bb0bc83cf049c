// Server: a history page bounded in bytes as well as in count (docs/protocol.md §6.3), so one
// reply of 200 long messages cannot cost megabytes of output.
import type { HistoryPage } from '../../protocol/contract.js';

/** A content's size on the wire: as a JSON string, quotes and escapes included, in UTF-8. */
export function contentBytes(content: string): number {
  return Buffer.byteLength(JSON.stringify(content));
}

/**
 * Keeps the copies nearest the page's anchor while their contents fit in `maxBytes` (always at
 * least one): the oldest for an `afterSeq` page, else the newest. A page cut short has more.
 */
export function capHistoryPage(page: HistoryPage, fromOldest: boolean, maxBytes: number): HistoryPage {
  const ordered = fromOldest ? page.messages : [...page.messages].reverse();
  let total = 0;
  let kept = 0;
  for (const message of ordered) {
    total += contentBytes(message.content);
    if (kept > 0 && total > maxBytes) break;
    kept++;
  }
  if (kept === ordered.length) return page;
  const messages = fromOldest ? page.messages.slice(0, kept) : page.messages.slice(page.messages.length - kept);
  return { messages, hasMore: true };
}
