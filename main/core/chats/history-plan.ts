// Node runtime, but pure. Which page of a chat's history to show from the cache, and what to
// fetch from the server to fill it: the decision loadHistory acts on.
import type { Chat, HistoryRequest, Message } from '../../../protocol/contract.js';

export interface HistoryPlanInput {
  /** The chat's cached copies, ascending by seq. */
  cached: readonly Message[];
  /** Copies older than this seq; undefined for the newest page. */
  beforeSeq: number | undefined;
  limit: number;
  /** The user's record of the chat, if they have one. */
  chat: Chat | undefined;
  online: boolean;
}

export interface HistoryPlan {
  /** Cached copies to show, ascending and without gaps, ending just below `beforeSeq` (or at the newest held). */
  show: Message[];
  /** Older copies exist than the first one shown. */
  hasMore: boolean;
  /** The page older than `show` to ask the server for, and the record it belongs to; null when the cache answers alone. */
  fetch: { chatId: number; request: HistoryRequest } | null;
}

export function planHistory({ cached, beforeSeq, limit, chat, online }: HistoryPlanInput): HistoryPlan {
  const show = newestRun(cached, beforeSeq, limit);
  const lowest = show[0]?.seq ?? beforeSeq;
  const hasMore = (lowest ?? 1) > 1;
  if (show.length >= limit || !hasMoreBelow(lowest) || !chat || !online) return { show, hasMore, fetch: null };
  const request: HistoryRequest = {
    who: chat.who,
    ...(lowest === undefined ? {} : { beforeSeq: lowest }),
    limit: limit - show.length,
  };
  return { show, hasMore, fetch: { chatId: chat.id, request } };
}

/** Nothing held yet (undefined) may still have copies on the server; seq 1 has none below it. */
function hasMoreBelow(lowest: number | undefined): boolean {
  return lowest === undefined || lowest > 1;
}

/**
 * The newest `limit` cached copies below `beforeSeq` that follow each other without a gap,
 * starting right below `beforeSeq`: a copy past a gap would hide the missing ones for good.
 */
function newestRun(cached: readonly Message[], beforeSeq: number | undefined, limit: number): Message[] {
  let end = cached.length;
  while (end > 0 && beforeSeq !== undefined && cached[end - 1]!.seq >= beforeSeq) end--;
  let expected = beforeSeq === undefined ? cached[end - 1]?.seq : beforeSeq - 1;
  let start = end;
  while (start > 0 && end - start < limit && cached[start - 1]!.seq === expected) {
    start--;
    expected = cached[start]!.seq - 1;
  }
  return cached.slice(start, end);
}
