// chat:history paging: newest by default, beforeSeq / afterSeq, limit, hasMore at the edges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { request } from '../support/clients.js';
import { atMostPending, fullHistory, newClientId, ok, send } from '../support/chat-helpers.js';
import { World, type Person } from '../support/world.js';

const total = 120;
const seqs = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// One server for the paging table: every case only reads.
describe('chat:history', () => {
  let world: World;
  let alice: Person;
  let bob: Person;
  let all: Message[];
  beforeAll(async () => {
    world = await World.start();
    alice = await world.person('alice');
    bob = await world.person('bob');
    const acks = await atMostPending(total, (i) => {
      const [socket, to] = i % 3 === 2 ? [bob.socket, alice.id] : [alice.socket, bob.id];
      return request(socket, 'message:send', { to, clientId: newClientId(), content: `m${i}` });
    });
    for (const ack of acks) expect(ack.ok).toBe(true);
    all = await fullHistory(alice.socket, bob.id);
  });
  afterAll(() => world.close());

  it('holds the whole record ascending with gap-free seqs', () => {
    expect(all.map((m) => m.seq)).toEqual(seqs(1, total));
    expect(new Set(all.map((m) => m.id)).size).toBe(total);
  });

  const cases: Array<[string, Record<string, number>, number[], boolean]> = [
    ['default: the newest 50', {}, seqs(71, 120), true],
    ['limit 1', { limit: 1 }, [120], true],
    ['limit 200, more than there is', { limit: 200 }, seqs(1, 120), false],
    ['limit exactly the size of the record', { limit: 120 }, seqs(1, 120), false],
    ['limit one below the size', { limit: 119 }, seqs(2, 120), true],
    ['beforeSeq: the newest below it', { beforeSeq: 71 }, seqs(21, 70), true],
    ['beforeSeq with exactly limit left', { beforeSeq: 21, limit: 20 }, seqs(1, 20), false],
    ['beforeSeq with one more than limit left', { beforeSeq: 22, limit: 20 }, seqs(2, 21), true],
    ['beforeSeq with fewer than limit left', { beforeSeq: 21, limit: 50 }, seqs(1, 20), false],
    ['beforeSeq 2', { beforeSeq: 2 }, [1], false],
    ['beforeSeq 1: none left', { beforeSeq: 1 }, [], false],
    ['beforeSeq above the newest', { beforeSeq: 1000 }, seqs(71, 120), true],
    ['beforeSeq just above the newest', { beforeSeq: 121, limit: 200 }, seqs(1, 120), false],
    ['afterSeq 0: from the start', { afterSeq: 0 }, seqs(1, 50), true],
    ['afterSeq 0 with limit 200', { afterSeq: 0, limit: 200 }, seqs(1, 120), false],
    ['afterSeq: the oldest above it', { afterSeq: 50, limit: 10 }, seqs(51, 60), true],
    ['afterSeq with exactly limit left', { afterSeq: 100, limit: 20 }, seqs(101, 120), false],
    ['afterSeq with one more than limit left', { afterSeq: 99, limit: 20 }, seqs(100, 119), true],
    ['afterSeq with fewer than limit left', { afterSeq: 110 }, seqs(111, 120), false],
    ['afterSeq 119', { afterSeq: 119 }, [120], false],
    ['afterSeq at the newest: none left', { afterSeq: 120 }, [], false],
    ['afterSeq above the newest', { afterSeq: 5000 }, [], false],
  ];

  it.each(cases)('%s', async (_what, params, expected, hasMore) => {
    const ack = await request(alice.socket, 'chat:history', { who: bob.id, ...params });
    expect(ack.ok).toBe(true);
    expect(ack.messages.map((m: Message) => m.seq)).toEqual(expected);
    expect(ack.messages).toEqual(expected.map((seq) => all[seq - 1]));
    expect(ack.hasMore).toBe(hasMore);
    expect(Object.keys(ack).sort()).toEqual(['hasMore', 'messages', 'ok']);
  });

  it('pages back to the start with beforeSeq and forward to the end with afterSeq', async () => {
    const back: Message[] = [];
    let page = await ok(alice.socket, 'chat:history', { who: bob.id, limit: 7 });
    back.unshift(...page.messages);
    while (page.hasMore) {
      page = await ok(alice.socket, 'chat:history', { who: bob.id, limit: 7, beforeSeq: back[0]!.seq });
      back.unshift(...page.messages);
    }
    expect(back).toEqual(all);
    const forward: Message[] = [];
    do {
      page = await ok(alice.socket, 'chat:history', { who: bob.id, limit: 7, afterSeq: forward.at(-1)?.seq ?? 0 });
      forward.push(...page.messages);
    } while (page.hasMore);
    expect(forward).toEqual(all);
  });

  it('reads the caller’s own record: same messages, the receiver’s copies', async () => {
    const bobs = await fullHistory(bob.socket, alice.id);
    expect(bobs).toEqual(all);
    const newest = await ok(bob.socket, 'chat:history', { who: alice.id });
    expect(newest.messages.map((m: Message) => m.seq)).toEqual(seqs(71, 120));
    // Sends from one socket keep their order; across the two sockets only each one's order is known.
    const sentBy = (user: number) => all.filter((m) => m.user === user).map((m) => m.content);
    const indexes = Array.from({ length: total }, (_, i) => i);
    expect(sentBy(alice.id)).toEqual(indexes.filter((i) => i % 3 !== 2).map((i) => `m${i}`));
    expect(sentBy(bob.id)).toEqual(indexes.filter((i) => i % 3 === 2).map((i) => `m${i}`));
  });

  it('answers { messages: [], hasMore: false } when there is no record', async () => {
    const carol = await world.person('carol');
    for (const params of [{}, { beforeSeq: 5 }, { afterSeq: 0 }, { limit: 1 }]) {
      expect(await request(carol.socket, 'chat:history', { who: alice.id, ...params })).toEqual({
        ok: true,
        messages: [],
        hasMore: false,
      });
    }
  });

  it('counts from 1 in a recreated record, and an empty record has no messages', async () => {
    const dave = await world.person('dave');
    await ok(dave.socket, 'chat:open', { who: alice.id });
    expect(await request(dave.socket, 'chat:history', { who: alice.id })).toEqual({
      ok: true,
      messages: [],
      hasMore: false,
    });
    await send(dave.socket, alice.id, 'one');
    await send(alice.socket, dave.id, 'two');
    await ok(dave.socket, 'chat:delete', { who: alice.id });
    const three = await send(alice.socket, dave.id, 'three');
    expect(three.seq).toBe(3);
    const page = await ok(dave.socket, 'chat:history', { who: alice.id, afterSeq: 0 });
    expect(page).toEqual({ ok: true, messages: [{ ...three, seq: 1 }], hasMore: false });
    expect((await ok(dave.socket, 'chat:history', { who: alice.id, beforeSeq: 2 })).messages).toEqual([
      { ...three, seq: 1 },
    ]);
  });
});
