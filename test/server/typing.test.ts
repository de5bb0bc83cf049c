// typing: { from } reaches only the receiver's sockets that are viewing the pair, at most one per
// sender and receiver in each 2 s (the server's clock is a TestClock here).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from '../support/clients.js';
import { limits } from '../../protocol/limits.js';
import { clearLogs, devicesOf, fails, ok, TestClock } from '../support/chat-helpers.js';
import { clusterRun } from '../support/server.js';
import { World, type Device, type Person } from '../support/world.js';

describe('typing', () => {
  let world: World;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock();
    world = await World.start({ now: clock.now });
  });
  afterEach(() => world.close());

  /** Which devices got typing events, as `{ from }` lists. */
  function typingSeen(devices: Device[]): unknown[] {
    return devices.map((device) => device.log.events.filter((e) => e.event === 'typing').map((e) => e.payload));
  }

  /** Everything delivered and forgotten, and the typing interval over. */
  async function quiet(people: Person[]): Promise<void> {
    await world.delivered(devicesOf(...people));
    clearLogs(devicesOf(...people));
    clock.advance(limits.typingIntervalMs);
  }

  it('reaches only the receiver’s sockets that view the pair', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const carol = await world.person('carol');
    const aliceViewsBob = alice.devices[0]!;
    const aliceViewsCarol = await world.addDevice(alice);
    const aliceIdle = await world.addDevice(alice);
    const bobViewsAlice = bob.devices[0]!;
    const bobIdle = await world.addDevice(bob);
    const carolViewsAlice = carol.devices[0]!;
    await ok(aliceViewsBob.socket, 'chat:open', { who: bob.id });
    await ok(aliceViewsCarol.socket, 'chat:open', { who: carol.id });
    await ok(bobViewsAlice.socket, 'chat:open', { who: alice.id });
    await ok(carolViewsAlice.socket, 'chat:open', { who: alice.id });
    const everyone = [aliceViewsBob, aliceViewsCarol, aliceIdle, bobViewsAlice, bobIdle, carolViewsAlice];
    await quiet([alice, bob, carol]);

    // Bob types to Alice from his idle device.
    expect(await request(bobIdle.socket, 'typing', { to: alice.id })).toEqual({ ok: true });
    await world.delivered(everyone);
    expect(typingSeen(everyone)).toEqual([[{ from: bob.id }], [], [], [], [], []]);
    for (const device of everyone) expect(device.log.events.filter((e) => e.event !== 'typing')).toEqual([]);

    // Alice types to Bob from her idle device: only Bob's viewing one; not Carol, who views Alice.
    clearLogs(everyone);
    expect(await request(aliceIdle.socket, 'typing', { to: bob.id })).toEqual({ ok: true });
    await world.delivered(everyone);
    expect(typingSeen(everyone)).toEqual([[], [], [], [{ from: alice.id }], [], []]);

    // Alice types to Carol from the device viewing Bob: Carol's viewing device, no one else.
    clearLogs(everyone);
    await ok(aliceViewsBob.socket, 'typing', { to: carol.id });
    await world.delivered(everyone);
    expect(typingSeen(everyone)).toEqual([[], [], [], [], [], [{ from: alice.id }]]);

    // Carol types to Alice: the device viewing Carol.
    clearLogs(everyone);
    await ok(carolViewsAlice.socket, 'typing', { to: alice.id });
    await world.delivered(everyone);
    expect(typingSeen(everyone)).toEqual([[], [{ from: carol.id }], [], [], [], []]);
  });

  it('reaches a viewer at once after its chat:open is acknowledged, from any node', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await world.addDevice(alice); // with two nodes, Alice has a socket on each
    await quiet([alice, bob]);
    for (const typist of alice.devices) {
      await ok(bob.socket, 'chat:open', { who: alice.id });
      await ok(typist.socket, 'typing', { to: bob.id });
      await world.delivered(devicesOf(alice, bob));
      expect(typingSeen(bob.devices)).toEqual([[{ from: alice.id }]]);
      await ok(bob.socket, 'chat:close', { who: alice.id });
      await quiet([alice, bob]);
    }
  });

  it('reaches no one when the receiver is not viewing, or has stopped', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await world.addDevice(alice);
    await ok(bob.socket, 'chat:open', { who: alice.id }); // the sender viewing does not matter
    await quiet([alice, bob]);
    await ok(bob.socket, 'typing', { to: alice.id });
    await world.delivered(devicesOf(alice, bob));
    expect(typingSeen(devicesOf(alice, bob))).toEqual([[], [], []]);

    const viewer = alice.devices[1]!;
    const stops: Array<() => Promise<unknown>> = [
      () => ok(viewer.socket, 'chat:close', { who: bob.id }),
      async () => {
        const carol = await world.person('carol');
        await ok(viewer.socket, 'chat:open', { who: carol.id });
      },
      () => ok(alice.socket, 'chat:delete', { who: bob.id }),
    ];
    for (const stop of stops) {
      await ok(viewer.socket, 'chat:open', { who: bob.id });
      await quiet([alice, bob]);
      await ok(bob.socket, 'typing', { to: alice.id });
      await world.delivered(devicesOf(alice, bob));
      expect(typingSeen(devicesOf(alice, bob))).toEqual([[], [{ from: bob.id }], []]);
      await stop();
      await quiet([alice, bob]);
      await ok(bob.socket, 'typing', { to: alice.id });
      await world.delivered(devicesOf(alice, bob));
      expect(typingSeen(devicesOf(alice, bob))).toEqual([[], [], []]);
    }
  });

  it('works without a callback', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await ok(alice.socket, 'chat:open', { who: bob.id });
    (bob.socket.emit as (...args: unknown[]) => void)('typing', { to: alice.id });
    expect(await alice.log.waitFor('typing')).toEqual({ from: bob.id });
  });

  it('answers not_found for an unknown user and bad_request for oneself', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await ok(alice.socket, 'chat:open', { who: bob.id });
    await ok(bob.socket, 'chat:open', { who: alice.id });
    await quiet([alice, bob]);
    await fails(alice.socket, 'typing', { to: 999_999 }, 'not_found');
    await fails(alice.socket, 'typing', { to: alice.id }, 'bad_request');
    await world.delivered(devicesOf(alice, bob));
    expect(typingSeen(devicesOf(alice, bob))).toEqual([[], []]);
    expect(alice.socket.connected).toBe(true);
  });

  it('relays at most one per sender and receiver in each 2 s, and acks the dropped ones ok', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const carol = await world.person('carol');
    const bobPhone = await world.addDevice(bob);
    await ok(alice.socket, 'chat:open', { who: bob.id });
    const aliceViewsCarol = await world.addDevice(alice);
    await ok(aliceViewsCarol.socket, 'chat:open', { who: carol.id });
    await ok(bob.socket, 'chat:open', { who: alice.id });
    const everyone = devicesOf(alice, bob, carol); // Alice's two, Bob's two, Carol's
    await quiet([alice, bob, carol]);

    // A flood from both of Bob's devices: one reaches Alice; each one is acknowledged ok. With
    // several nodes each counts on its own (docs/protocol.md §7), and his devices are on two.
    const typists = clusterRun ? [bob.socket] : [bob.socket, bobPhone.socket];
    const flood = Array.from({ length: 30 }, (_, i) =>
      request(typists[i % typists.length]!, 'typing', { to: alice.id }),
    );
    for (const ack of await Promise.all(flood)) expect(ack).toEqual({ ok: true });
    // Another sender, and the other direction, have their own allowance.
    await ok(carol.socket, 'typing', { to: alice.id });
    await ok(alice.socket, 'typing', { to: bob.id });
    await world.delivered(everyone);
    expect(typingSeen(everyone)).toEqual([[{ from: bob.id }], [{ from: carol.id }], [{ from: alice.id }], [], []]);

    // Still within the 2 s: dropped.
    clearLogs(everyone);
    clock.advance(limits.typingIntervalMs - 1);
    await ok(bob.socket, 'typing', { to: alice.id });
    await world.delivered(everyone);
    expect(typingSeen(everyone)).toEqual([[], [], [], [], []]);

    // 2 s after the one relayed: the next one goes through, and only it.
    clock.advance(1);
    for (let i = 0; i < 5; i++) await ok(bobPhone.socket, 'typing', { to: alice.id });
    await world.delivered(everyone);
    expect(typingSeen(everyone)).toEqual([[{ from: bob.id }], [], [], [], []]);
  });
});
