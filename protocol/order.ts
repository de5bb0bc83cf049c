// The order chats:list answers in, which every client list keeps too.
import type { Chat } from './contract.js';

/** Most recent `updatedAt` first; on a tie, the higher record id first. */
export function byRecency(a: Pick<Chat, 'updatedAt' | 'id'>, b: Pick<Chat, 'updatedAt' | 'id'>): number {
  return b.updatedAt - a.updatedAt || b.id - a.id;
}

/** The chat list as the user sees it: pinned chats first (most recently pinned first), then by recency. */
export function pinnedFirst(
  a: Pick<Chat, 'updatedAt' | 'id' | 'pinnedAt'>,
  b: Pick<Chat, 'updatedAt' | 'id' | 'pinnedAt'>,
): number {
  if (a.pinnedAt !== b.pinnedAt) {
    if (a.pinnedAt === undefined) return 1;
    if (b.pinnedAt === undefined) return -1;
    return b.pinnedAt - a.pinnedAt;
  }
  return byRecency(a, b);
}
