// One socket's sends emitted at once (docs/protocol.md §6.2): they may share a group commit, yet
// each takes effect after the ones before it and the acks come back in the order they were sent.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { connect, request, type ClientSocket } from '../support/clients.js';
import { fullHistory, newClientId } from '../support/chat-helpers.js';
import { World, type Person } from '../support/world.js';

/** Emits every payload at once on one socket; resolves with the acks in the order they arrived. */
async function emitAll(socket: ClientSocket, payloads: unknown[]): Promise<Array<{ index: number; ack: any }>> {
  const arrived: Array<{ index: number; ack: any }> = [];
  await Promise.all(
    payloads.map((payload, index) =>
      request(socket, 'message:send', payload).then((ack) => arrived.push({ index, ack })),
    ),
  );
  return arrived;
}

function sends(to: number, count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) => ({ to, clientId: newClientId(), content: `${prefix} ${i}` }));
}

describe('sends of one socket emitted at once', () => {
  let world: World;
  afterEach(async () => {
    await world.close();
  });

  async function pair(options = {}): Promise<[Person, Person]> {
    world = await World.start(options);
    return [await world.person('alice'), await world.person('bob')];
  }

  it('are acked in order and stored in order in both records', async () => {
    const [alice, bob] = await pair();
    // 30: within the 32 requests a socket may have waiting.
    const payloads = sends(bob.id, 30, 'm');
    const arrived = await emitAll(alice.socket, payloads);

    expect(arrived.map((a) => a.index)).toEqual(payloads.map((_, i) => i));
    const acked = arrived.map((a) => a.ack.message as Message);
    expect(acked.map((m) => m.content)).toEqual(payloads.map((p) => p.content));
    expect(acked.map((m) => m.seq)).toEqual(payloads.map((_, i) => i + 1));
    expect((await fullHistory(alice.socket, bob.id)).map((m) => m.content)).toEqual(payloads.map((p) => p.content));
    const theirs = await fullHistory(bob.socket, alice.id);
    expect(theirs.map((m) => [m.seq, m.content])).toEqual(payloads.map((p, i) => [i + 1, p.content]));
    await world.delivered([alice, bob]);
    expect(bob.log.of('message:new').map((e) => e.message.content)).toEqual(payloads.map((p) => p.content));
    expect(alice.log.of('message:new').map((e) => e.message.seq)).toEqual(payloads.map((_, i) => i + 1));
  });

  it('answer a refused, an invalid and a repeated send in its place, the others stored around them', async () => {
    const [alice, bob] = await pair();
    const payloads: unknown[] = sends(bob.id, 8, 'm');
    const repeated = payloads[1] as { clientId: string };
    payloads.splice(2, 0, { to: 987_654, clientId: newClientId(), content: 'nobody' });
    payloads.splice(4, 0, { to: bob.id, clientId: newClientId() });
    payloads.splice(6, 0, { ...repeated, content: 'a retry' });
    const arrived = await emitAll(alice.socket, payloads);

    expect(arrived.map((a) => a.index)).toEqual(payloads.map((_, i) => i));
    const acks = arrived.map((a) => a.ack);
    expect(acks[2].error.code).toBe('not_found');
    expect(acks[4].error.code).toBe('bad_request');
    expect(acks[6]).toEqual(acks[1]);
    const stored = acks.filter((_, i) => ![2, 4, 6].includes(i));
    expect(stored.map((ack) => ack.message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await fullHistory(bob.socket, alice.id)).map((m) => m.content)).toEqual(
      stored.map((ack) => ack.message.content),
    );
  });

  it('stop at the send limit: the first ones are stored, the later ones refused in order', async () => {
    const [alice, bob] = await pair({ sendRate: 5 });
    const payloads = sends(bob.id, 9, 'm');
    const arrived = await emitAll(alice.socket, payloads);

    expect(arrived.map((a) => a.index)).toEqual(payloads.map((_, i) => i));
    expect(arrived.map((a) => (a.ack.ok ? a.ack.message.seq : a.ack.error.code))).toEqual([
      1,
      2,
      3,
      4,
      5,
      ...Array(4).fill('rate_limited'),
    ]);
  });

  it('leave a prefix stored when the socket goes away mid-way, and the server serves on', async () => {
    const [alice, bob] = await pair();
    const payloads = sends(bob.id, 30, 'm');
    for (const payload of payloads) alice.socket.emit('message:send', payload, () => {});
    alice.socket.disconnect();

    const again = await connect(world.url, alice.token);
    try {
      const back = await request(again, 'message:send', { to: bob.id, clientId: newClientId(), content: 'back' });
      expect(back.ok).toBe(true);
    } finally {
      again.close();
    }
    // Whatever was stored is the first ones, in order: a later send never overtook an earlier one.
    const history = await fullHistory(bob.socket, alice.id);
    const fromThatSocket = history.map((m) => m.content).filter((content) => content !== 'back');
    expect(fromThatSocket).toEqual(payloads.slice(0, fromThatSocket.length).map((p) => p.content));
    expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
  });
});
