// The order chats:list answers in, which every client list keeps too.
import type { Chat } from './contract.js';

/** Most recent `updatedAt` first; on a tie, the higher record id first. */
export function byRecency(a: Pick<Chat, 'updatedAt' | 'id'>, b: Pick<Chat, 'updatedAt' | 'id'>): number {
  return b.updatedAt - a.updatedAt || b.id - a.id;
}
