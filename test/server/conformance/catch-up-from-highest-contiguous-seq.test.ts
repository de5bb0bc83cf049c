// docs/protocol.md §6.9 step 4: catching up asks for what follows the highest *contiguous* seq
// held locally, so a copy that arrived live after a gap does not hide the gap.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../protocol/contract.js';
import { request } from '../../support/clients.js';
import { World, type Person } from '../../support/world.js';

/** The highest n such that every copy from the oldest held one up to n is held (0 when none). */
function highestContiguousSeq(held: Message[]): number {
  const seqs = new Set(held.map((message) => message.seq));
  if (seqs.size === 0) return 0;
  let n = Math.min(...seqs);
  while (seqs.has(n + 1)) n++;
  return n;
}

describe('docs/protocol.md §6.9: catching up from the highest contiguous seq', () => {
  let world: World;
  beforeEach(async () => {
    world = await World.start();
  });
  afterEach(() => world.close());

  const send = (from: Person, to: Person, clientId: string) =>
    request(from.socket, 'message:send', { to: to.id, clientId, content: clientId });

  it('fetches a copy missed while offline although a later one arrived live', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const held: Message[] = [];
    for (const clientId of ['one', 'two']) {
      await send(alice, bob, clientId);
      held.push((await bob.log.waitFor('message:new', (e) => e.message.clientId === clientId)).message);
    }
    // Bob is offline while the third comes, and back (a new socket) in time for the fourth.
    bob.socket.close();
    await send(alice, bob, 'three');
    const back = await world.addDevice(bob);
    await send(alice, bob, 'four');
    held.push((await back.log.waitFor('message:new', (e) => e.message.clientId === 'four')).message);
    expect(held.map((message) => message.seq)).toEqual([1, 2, 4]);

    const { chats } = await request(back.socket, 'chats:list');
    expect(chats[0].lastSeq).toBe(4);
    const from = highestContiguousSeq(held);
    expect(from).toBe(2);
    const page = await request(back.socket, 'chat:history', { who: alice.id, afterSeq: from });
    expect(page).toMatchObject({ ok: true, hasMore: false });
    expect(page.messages.map((message: Message) => message.content)).toEqual(['three', 'four']);
    // Holding only the newest copies is fine: from 2 alone (1 never fetched), the gap is the same.
    expect(highestContiguousSeq(held.slice(1))).toBe(2);
    // Asking after the highest seq held would have missed the third for good.
    const fromHighest = await request(back.socket, 'chat:history', { who: alice.id, afterSeq: 4 });
    expect(fromHighest.messages).toEqual([]);
  });
});
