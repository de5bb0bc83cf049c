// Searching this computer's cache when the server cannot be asked: case-insensitive substring,
// newest first, never a recalled, deleted or action copy, with the match marked in the snippet.
import { describe, expect, it } from 'vitest';
import type { Chat, Message } from '../../../../protocol/contract.js';
import { limits } from '../../../../protocol/limits.js';
import { searchCache } from '../../../../main/core/chats/cache-search.js';
import { pinnedFirst } from '../../../../protocol/order.js';

function chat(who: number, name: string): Chat {
  return { id: who, user: 1, who, name, unread: 0, updatedAt: 0, lastSeq: 0, last: null };
}
function copy(seq: number, content: string, more: Partial<Message> = {}): Message {
  return { id: 100 + seq, clientId: `c${seq}`, user: 2, name: 'Bob', date: 1_000 + seq, content, seq, ...more };
}

const bob = chat(2, 'Bob');
const carol = chat(3, 'Carol');

function cacheOf(byPeer: Record<number, Message[]>) {
  return { messages: async (who: number) => byPeer[who] ?? [] };
}

describe('searching the cache', () => {
  it('finds text in any case, newest first, in every chat, skipping what is not shown', async () => {
    const cache = cacheOf({
      2: [
        copy(1, 'Lunch on Friday?'),
        copy(2, '', { recalled: true }),
        copy(3, '', { hidden: true }),
        copy(4, 'Bob edited a message: lunch', { kind: 'edit', target: 101, text: 'lunch' }),
        copy(5, '[menu.pdf]', { caption: 'the LUNCH menu', attachments: [] }),
      ],
      3: [copy(6, 'no food here'), copy(7, 'after lunch')],
    });
    const hits = await searchCache(cache, [bob, carol], 'lunch');
    expect(hits.map((h) => [h.name, h.seq])).toEqual([
      ['Carol', 7],
      ['Bob', 5],
      ['Bob', 1],
    ]);
    expect(hits[0]).toMatchObject({ who: 3, id: 107, snippet: 'after lunch', matches: [[6, 11]] });
    expect(hits[1]!.snippet.slice(...hits[1]!.matches[0]!)).toBe('LUNCH');
  });

  it('keeps a snippet of the text around the match, and at most a page of hits', async () => {
    const long = `${'x'.repeat(200)} needle ${'y'.repeat(200)}`;
    const many = Array.from({ length: 80 }, (_, i) => copy(i + 2, `needle ${i}`));
    const hits = await searchCache(cacheOf({ 2: [copy(1, long), ...many] }), [bob], 'NEEDLE');
    expect(hits).toHaveLength(limits.searchMaxLimit);
    const [only] = await searchCache(cacheOf({ 2: [copy(1, long)] }), [bob], 'needle');
    expect(only!.snippet).toMatch(/^…x+ needle y+…$/);
    expect(only!.snippet.length).toBeLessThanOrEqual(122);
    expect(only!.snippet.slice(...only!.matches[0]!)).toBe('needle');
  });
});

describe('the chat order', () => {
  it('puts pinned chats first, most recently pinned first, then the most recent', () => {
    const at = (id: number, updatedAt: number, pinnedAt?: number): Chat => ({
      ...chat(id, `p${id}`),
      updatedAt,
      ...(pinnedAt === undefined ? {} : { pinnedAt }),
    });
    const chats = [at(2, 500), at(3, 100, 10), at(4, 900), at(5, 50, 20)];
    expect(chats.sort(pinnedFirst).map((c) => c.who)).toEqual([5, 3, 4, 2]);
  });
});
