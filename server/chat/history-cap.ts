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

/**
 * An `aroundSeq` page bounded the same way: keeps the copy at (or just before) `aroundSeq` and
 * grows outwards, one newer and one older copy in turn, while they fit.
 */
export function capAroundPage(page: HistoryPage, aroundSeq: number, maxBytes: number): HistoryPage {
  const { messages } = page;
  if (messages.length === 0) return page;
  const centre = Math.max(
    0,
    messages.findLastIndex((message) => message.seq <= aroundSeq),
  );
  let [first, end] = [centre, centre + 1];
  let total = messageBytes(messages[centre]!);
  let [newer, older] = [true, true];
  while (newer || older) {
    if (newer) {
      newer = end < messages.length && total + messageBytes(messages[end]!) <= maxBytes;
      if (newer) total += messageBytes(messages[end++]!);
    }
    if (older) {
      older = first > 0 && total + messageBytes(messages[first - 1]!) <= maxBytes;
      if (older) total += messageBytes(messages[--first]!);
    }
  }
  if (first === 0 && end === messages.length) return page;
  return { messages: messages.slice(first, end), hasMore: true };
}
