// Server: a history page bounded in bytes as well as in count (docs/protocol.md §6.3), so one
// reply of 200 long messages cannot cost megabytes of output.
import type { HistoryPage, Message } from '../../protocol/contract.js';

/** A content's size on the wire: as a JSON string, quotes and escapes included, in UTF-8. */
export function contentBytes(content: string): number {
  return Buffer.byteLength(JSON.stringify(content));
}

/**
 * What a message adds to a page beyond its fixed fields: its content and, with files, the
 * caption and the attachments' JSON (their names can be long) — each as written on the wire.
 */
export function messageBytes(message: Message): number {
  let bytes = contentBytes(message.content);
  if (message.caption !== undefined) bytes += contentBytes(message.caption);
  if (message.attachments) bytes += Buffer.byteLength(JSON.stringify(message.attachments));
  return bytes;
}

/**
 * Keeps the copies nearest the page's anchor while they fit in `maxBytes` (always at
 * least one): the oldest for an `afterSeq` page, else the newest. A page cut short has more.
 */
export function capHistoryPage(page: HistoryPage, fromOldest: boolean, maxBytes: number): HistoryPage {
  const ordered = fromOldest ? page.messages : [...page.messages].reverse();
  let total = 0;
  let kept = 0;
  for (const message of ordered) {
    total += messageBytes(message);
    if (kept > 0 && total > maxBytes) break;
    kept++;
  }
  if (kept === ordered.length) return page;
  const messages = fromOldest ? page.messages.slice(0, kept) : page.messages.slice(page.messages.length - kept);
  return { messages, hasMore: true };
}
