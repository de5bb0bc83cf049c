// The per-user send limit: N stored sends per sliding 10 s; past it rate_limited and nothing stored.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { request } from '../support/clients.js';
import {
  atMostPending,
  chatWith,
  clearLogs,
  devicesOf,
  fails,
  fullHistory,
  newClientId,
  send,
  snapshot,
  TestClock,
} from '../support/chat-helpers.js';
import { World } from '../support/world.js';

describe('send limit', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('refuses the 6th stored send within 10 s with rate_limited and stores nothing', async () => {
    const clock = new TestClock();
    world = await World.start({ sendRate: 5, now: clock.now });
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const carol = await world.person('carol');
    const sent: Message[] = [];
    for (let i = 0; i < 5; i++) sent.push(await send(alice.socket, bob.id, `m${i}`));
    const everyone = devicesOf(alice, bob, carol);
    await world.delivered(everyone);
    const before = await snapshot([alice, bob, carol]);
    clearLogs(everyone);

    // The five were stored at the same moment, so a slot is free again a whole window later.
    const refusedId = newClientId();
    expect(
      await request(alice.socket, 'message:send', { to: bob.id, clientId: refusedId, content: 'one too many' }),
    ).toEqual({ ok: false, error: { code: 'rate_limited', message: expect.any(String), retryAfterMs: 10_000 } });
    await fails(
      alice.socket,
      'message:send',
      { to: carol.id, clientId: newClientId(), content: 'still too many' },
      'rate_limited',
    );
    clock.advance(9_000);
    expect(
      await request(alice.socket, 'message:send', { to: bob.id, clientId: newClientId(), content: 'not yet' }),
    ).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: 1_000 } });
    await world.delivered(everyone);
    for (const device of everyone) expect(device.log.events).toEqual([]);
    expect(await snapshot([alice, bob, carol])).toEqual(before);

    // Repeats of stored clientIds are still answered.
    for (const message of sent) {
      const ack = await request(alice.socket, 'message:send', {
        to: bob.id,
        clientId: message.clientId,
        content: 'again',
      });
      expect(ack).toEqual({ ok: true, message });
    }
    // The limit is per user: Bob and Carol may still send.
    await send(bob.socket, alice.id, 'bob is fine');
    await send(carol.socket, alice.id, 'carol is fine');

    // Once the window has passed, the refused clientId was never stored and is free to use.
    clock.advance(1_001);
    const late = await send(alice.socket, bob.id, 'one too many, later', refusedId);
    expect(late).toMatchObject({ clientId: refusedId, content: 'one too many, later', seq: 7 });
    expect((await fullHistory(bob.socket, alice.id)).map((m) => m.content)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
      'bob is fine',
      'one too many, later',
    ]);
  });

  it('uses a sliding window', async () => {
    const clock = new TestClock();
    world = await World.start({ sendRate: 5, now: clock.now });
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    for (let i = 0; i < 3; i++) await send(alice.socket, bob.id, `early${i}`);
    clock.advance(6_000);
    for (let i = 0; i < 2; i++) await send(alice.socket, bob.id, `later${i}`);
    clock.advance(3_900);
    // The retry hint: the three early ones leave the window in 100 ms.
    const refused = async () =>
      (await request(alice.socket, 'message:send', { to: bob.id, clientId: newClientId(), content: 'x' })).error;
    expect(await refused()).toMatchObject({ code: 'rate_limited', retryAfterMs: 100 });
    clock.advance(99);
    expect(await refused()).toMatchObject({ code: 'rate_limited', retryAfterMs: 1 });
    clock.advance(101); // the three early ones have left the window, the two later ones have not
    for (let i = 0; i < 3; i++) await send(alice.socket, bob.id, `again${i}`);
    // Now the oldest counted are the two later ones, 4.1 s ago.
    expect(await refused()).toMatchObject({ code: 'rate_limited', retryAfterMs: 5_900 });
    expect((await chatWith(bob.socket, alice.id))!.lastSeq).toBe(8);
  });

  it('does not count repeats of stored clientIds or failed requests', async () => {
    world = await World.start({ sendRate: 5 });
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const sent: Message[] = [];
    for (let i = 0; i < 3; i++) sent.push(await send(alice.socket, bob.id, `m${i}`));
    for (let round = 0; round < 4; round++) {
      for (const message of sent) {
        expect(
          (await request(alice.socket, 'message:send', { to: bob.id, clientId: message.clientId, content: 'x' }))
            .message,
        ).toEqual(message);
      }
    }
    await fails(alice.socket, 'message:send', { to: bob.id, clientId: newClientId(), content: '   ' }, 'bad_request');
    await fails(
      alice.socket,
      'message:send',
      { to: bob.id, clientId: newClientId(), content: 'x'.repeat(4001) },
      'too_large',
    );
    await fails(alice.socket, 'message:send', { to: 987_654, clientId: newClientId(), content: 'x' }, 'not_found');
    await fails(alice.socket, 'message:send', { to: alice.id, clientId: newClientId(), content: 'x' }, 'bad_request');
    await send(alice.socket, bob.id, 'fourth');
    await send(alice.socket, bob.id, 'fifth');
    await fails(
      alice.socket,
      'message:send',
      { to: bob.id, clientId: newClientId(), content: 'sixth' },
      'rate_limited',
    );
    expect((await fullHistory(alice.socket, bob.id)).map((m) => m.content)).toEqual([
      'm0',
      'm1',
      'm2',
      'fourth',
      'fifth',
    ]);
  });

  it('is off with sendRate 0', async () => {
    world = await World.start({ sendRate: 0 });
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await world.addDevice(alice);
    await world.addDevice(alice);
    await world.addDevice(alice);
    const acks = await atMostPending(400, (i) =>
      request(alice.devices[i % 4]!.socket, 'message:send', {
        to: bob.id,
        clientId: newClientId(),
        content: `n${i}`,
      }),
    );
    expect(acks.filter((ack) => ack.ok !== true)).toEqual([]);
    expect(acks.map((ack) => ack.message.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 400 }, (_, i) => i + 1),
    );
    const history = await fullHistory(bob.socket, alice.id);
    expect(history.map((m) => m.seq)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect((await chatWith(alice.socket, bob.id))!.lastSeq).toBe(400);
  });
});
