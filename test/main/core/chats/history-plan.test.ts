// loadHistory's decision as a pure function: what the cache shows, whether older copies
// exist, and what (if anything) to fetch from the server to fill the page.
import { describe, expect, it } from 'vitest';
import { planHistory, type HistoryPlanInput } from '../../../../main/core/chats/history-plan.js';
import type { Chat, Message } from '../../../../protocol/contract.js';

const copy = (seq: number): Message => ({
  id: 1000 + seq,
  clientId: `c${seq}`,
  user: 1,
  name: 'alice',
  date: seq,
  content: `message ${seq}`,
  seq,
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => copy(from + i));
const chat: Chat = { id: 9, user: 2, who: 1, name: 'alice', unread: 0, updatedAt: 0, lastSeq: 100, last: null };

function plan(input: Partial<HistoryPlanInput>) {
  const result = planHistory({ cached: [], beforeSeq: undefined, limit: 50, chat, online: true, ...input });
  return { ...result, show: result.show.map((m) => m.seq) };
}
const seqs = (from: number, to: number) => range(from, to).map((m) => m.seq);

describe('history plan', () => {
  it('answers the newest page from the cache alone when it holds enough', () => {
    expect(plan({ cached: range(1, 100) })).toEqual({ show: seqs(51, 100), hasMore: true, fetch: null });
  });

  it('answers an older page from the cache, ending right below beforeSeq', () => {
    expect(plan({ cached: range(1, 100), beforeSeq: 61, limit: 20 })).toEqual({
      show: seqs(41, 60),
      hasMore: true,
      fetch: null,
    });
  });

  it('needs nothing from the server when the cache holds the chat from its first copy', () => {
    expect(plan({ cached: range(1, 10) })).toEqual({ show: seqs(1, 10), hasMore: false, fetch: null });
    expect(plan({ cached: range(1, 100), beforeSeq: 31 })).toEqual({ show: seqs(1, 30), hasMore: false, fetch: null });
  });

  it('fetches what the page lacks below the lowest cached copy when online', () => {
    expect(plan({ cached: range(41, 60) })).toEqual({
      show: seqs(41, 60),
      hasMore: true,
      fetch: { chatId: 9, request: { who: 1, beforeSeq: 41, limit: 30 } },
    });
  });

  it('shows what the cache holds when offline, saying older copies exist', () => {
    expect(plan({ cached: range(41, 60), online: false })).toEqual({ show: seqs(41, 60), hasMore: true, fetch: null });
  });

  it('fetches the newest page when nothing is cached', () => {
    expect(plan({})).toEqual({ show: [], hasMore: false, fetch: { chatId: 9, request: { who: 1, limit: 50 } } });
    expect(plan({ online: false })).toEqual({ show: [], hasMore: false, fetch: null });
  });

  it('asks nothing for a chat the user has no record of', () => {
    expect(plan({ chat: undefined, cached: range(5, 10) })).toEqual({ show: seqs(5, 10), hasMore: true, fetch: null });
  });

  it('stops at a gap in the cache and fetches across it instead of hiding what is missing', () => {
    const cached = [...range(1, 5), ...range(50, 100)];
    expect(plan({ cached, limit: 100 })).toEqual({
      show: seqs(50, 100),
      hasMore: true,
      fetch: { chatId: 9, request: { who: 1, beforeSeq: 50, limit: 49 } },
    });
    expect(plan({ cached, beforeSeq: 40, limit: 10 })).toEqual({
      show: [],
      hasMore: true,
      fetch: { chatId: 9, request: { who: 1, beforeSeq: 40, limit: 10 } },
    });
  });

  it('has nothing before the first copy', () => {
    expect(plan({ cached: range(1, 10), beforeSeq: 1 })).toEqual({ show: [], hasMore: false, fetch: null });
  });
});
