// Browser runtime, but pure. One chat's loaded messages in display order: stored copies by
// seq, then the user's unsent ones by time. Updates merge by clientId, so a message that was
// sending becomes sent in place and a repeat never shows twice. Tuned for long chats: a new
// copy is placed by binary search rather than by sorting everything again.
import type { ChatMessage, HistoryPage } from '../../main/ipc/contract.js';

export interface Timeline {
  messages: ChatMessage[];
  /** Whether the newest page has been loaded (events alone may hold only a few). */
  loaded: boolean;
  /** Older messages exist before the first one held. */
  hasMore: boolean;
  loadingOlder: boolean;
}

export const emptyTimeline: Timeline = { messages: [], loaded: false, hasMore: false, loadingOlder: false };

/** Index of the first unsent message: everything before it has a seq, in order. */
function storedCount(messages: readonly ChatMessage[]): number {
  let index = messages.length;
  while (index > 0 && messages[index - 1]!.seq === null) index--;
  return index;
}

/** First index in [0, end) whose seq is >= seq. */
function seqIndex(messages: readonly ChatMessage[], end: number, seq: number): number {
  let low = 0;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (messages[middle]!.seq! < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

function lastIndexOfClientId(messages: readonly ChatMessage[], from: number, to: number, clientId: string): number {
  for (let i = to - 1; i >= from; i--) if (messages[i]!.clientId === clientId) return i;
  return -1;
}

/** Puts one message into `messages` (mutated; the caller owns the copy). */
function place(messages: ChatMessage[], message: ChatMessage): void {
  const stored = storedCount(messages);
  if (message.seq !== null) {
    const at = seqIndex(messages, stored, message.seq);
    if (at < stored && messages[at]!.seq === message.seq) {
      messages[at] = message;
      return;
    }
    // Was it shown as unsent? It leaves the unsent tail for its place by seq.
    const unsent = lastIndexOfClientId(messages, stored, messages.length, message.clientId);
    if (unsent >= 0) messages.splice(unsent, 1);
    messages.splice(at, 0, message);
    return;
  }
  // An unsent message never replaces a stored copy (a late "sending" after "sent").
  if (lastIndexOfClientId(messages, 0, stored, message.clientId) >= 0) return;
  const unsent = lastIndexOfClientId(messages, stored, messages.length, message.clientId);
  if (unsent >= 0) {
    messages[unsent] = message;
    return;
  }
  let at = messages.length;
  while (at > stored && messages[at - 1]!.date > message.date) at--;
  messages.splice(at, 0, message);
}

/** Merges messages by clientId, skipping those the user discarded. */
export function mergeMessages(
  timeline: Timeline,
  incoming: readonly ChatMessage[],
  discarded: Readonly<Record<string, true>> = {},
): Timeline {
  const wanted = incoming.filter((message) => !discarded[message.clientId]);
  if (wanted.length === 0) return timeline;
  const messages = [...timeline.messages];
  for (const message of wanted) place(messages, message);
  return { ...timeline, messages };
}

/** The newest page (on opening) or an older page (scrolled to the top) has arrived. */
export function withPage(
  timeline: Timeline,
  page: HistoryPage,
  which: 'newest' | 'older',
  discarded: Readonly<Record<string, true>> = {},
): Timeline {
  const merged = mergeMessages(timeline, page.messages, discarded);
  // Older pages already held keep their own hasMore; the newest page knows only its own.
  const hasMore = which === 'older' || !timeline.loaded ? page.hasMore : timeline.hasMore;
  return { ...merged, loaded: true, hasMore, loadingOlder: which === 'older' ? false : merged.loadingOlder };
}

export function withoutMessage(timeline: Timeline, clientId: string): Timeline {
  const messages = timeline.messages.filter((message) => message.clientId !== clientId);
  return messages.length === timeline.messages.length ? timeline : { ...timeline, messages };
}

/** The highest seq held, or 0 when no stored copy is. */
export function newestSeq(timeline: Timeline): number {
  const stored = storedCount(timeline.messages);
  return stored > 0 ? timeline.messages[stored - 1]!.seq! : 0;
}

/** The stored copies after `seq`, in order: found by seq, not by reading every message. */
export function storedAfter(timeline: Timeline, seq: number): ChatMessage[] {
  const stored = storedCount(timeline.messages);
  return timeline.messages.slice(seqIndex(timeline.messages, stored, seq + 1), stored);
}

/** The lowest seq held: older pages are asked for before it. */
export function oldestSeq(timeline: Timeline): number | null {
  return timeline.messages.find((message) => message.seq !== null)?.seq ?? null;
}
