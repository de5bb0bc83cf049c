// message:send with a (sender, clientId) seen before: answered with the first message as it
// was first stored, nothing stored, nothing emitted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { request } from '../support/clients.js';
import {
  chats,
  chatWith,
  clearLogs,
  devicesOf,
  fullHistory,
  newClientId,
  ok,
  send,
  snapshot,
} from '../support/chat-helpers.js';
import { World } from '../support/world.js';

describe('message:send with a repeated clientId', () => {
  let world: World;
  let second: World | undefined;
  beforeEach(async () => {
    world = await World.start();
  });
  afterEach(async () => {
    await second?.close();
    second = undefined;
    await world.close();
  });

  it('answers the first message, stores nothing and emits nothing, whatever to and content say', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const carol = await world.person('carol');
    await world.addDevice(alice);
    await world.addDevice(bob);
    await send(bob.socket, alice.id, 'earlier');
    const clientId = newClientId();
    const first = await send(alice.socket, bob.id, 'first', clientId);
    const everyone = devicesOf(alice, bob, carol);
    await world.delivered(everyone);
    const before = await snapshot([alice, bob, carol]);
    clearLogs(everyone);

    const repeats = [
      { socket: alice.socket, payload: { to: bob.id, clientId, content: 'first' } },
      { socket: alice.socket, payload: { to: bob.id, clientId, content: 'changed content' } },
      { socket: alice.devices[1]!.socket, payload: { to: carol.id, clientId, content: 'to someone else' } },
    ];
    for (const { socket, payload } of repeats) {
      const ack = await request(socket, 'message:send', payload);
      expect(ack).toEqual({ ok: true, message: first });
    }
    await world.delivered(everyone);
    for (const device of everyone) expect(device.log.events).toEqual([]);
    expect(await snapshot([alice, bob, carol])).toEqual(before);
    expect(await chats(carol.socket)).toEqual([]);
    expect((await chatWith(alice.socket, bob.id))!.lastSeq).toBe(2);
  });

  it('answers the first message even when the repeat’s to or content would be refused', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const clientId = newClientId();
    const first = await send(alice.socket, bob.id, 'first', clientId);
    await world.delivered(devicesOf(alice, bob));
    const before = await snapshot([alice, bob]);
    clearLogs(devicesOf(alice, bob));
    const repeats = [
      { to: 987_654, clientId, content: 'to no one' },
      { to: alice.id, clientId, content: 'to myself' },
      { to: bob.id, clientId, content: 'x'.repeat(4001) },
      { to: bob.id, clientId, content: '   ' },
    ];
    for (const payload of repeats) {
      expect(await request(alice.socket, 'message:send', payload), JSON.stringify(payload).slice(0, 80)).toEqual({
        ok: true,
        message: first,
      });
    }
    await world.delivered(devicesOf(alice, bob));
    for (const device of devicesOf(alice, bob)) expect(device.log.events).toEqual([]);
    expect(await snapshot([alice, bob])).toEqual(before);
  });

  it('answers the first message after a reconnect', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const clientId = newClientId();
    await world.watch(bob.devices[0]!, [alice]);
    const first = await send(alice.socket, bob.id, 'before the drop', clientId);
    await bob.log.waitFor('message:new');
    // Alice's only device goes and another comes: Bob hears her go offline and come back.
    await world.disconnect(alice.devices[0]!);
    await world.synced();
    const again = await world.addDevice(alice);
    const before = await snapshot([{ ...alice, socket: again.socket }, bob]);
    await world.delivered([again, bob.devices[0]!]);
    expect(bob.log.of('presence')).toEqual([
      { id: alice.id, online: false },
      { id: alice.id, online: true },
    ]);
    clearLogs([again, bob.devices[0]!]);

    const ack = await request(again.socket, 'message:send', { to: bob.id, clientId, content: 'resent' });
    expect(ack).toEqual({ ok: true, message: first });
    await world.delivered([again, bob.devices[0]!]);
    expect(again.log.events).toEqual([]);
    expect(bob.log.events).toEqual([]);
    expect(await snapshot([{ ...alice, socket: again.socket }, bob])).toEqual(before);
  });

  it('answers the first message after a server restart', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const clientId = newClientId();
    const first = await send(alice.socket, bob.id, 'before the restart', clientId);
    const dataDir = world.server.dataDir;
    await world.close();
    second = await World.start({ dataDir });
    const a = await second.device(alice.token);
    const b = await second.device(bob.token);
    const ack = await request(a.socket, 'message:send', { to: bob.id, clientId, content: 'after' });
    expect(ack).toEqual({ ok: true, message: first });
    await second.delivered([a, b]);
    expect(a.log.of('message:new')).toEqual([]);
    expect(b.log.of('message:new')).toEqual([]);
    expect(await fullHistory(b.socket, alice.id)).toEqual([first]);
    expect(await fullHistory(a.socket, bob.id)).toEqual([first]);
    // world.close() in afterEach is safe to call twice.
  });

  it('answers the first message as first stored after the sender deleted the chat', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const x = newClientId();
    const y = newClientId();
    const mx = await send(alice.socket, bob.id, 'x', x);
    const my = await send(alice.socket, bob.id, 'y', y);
    await ok(alice.socket, 'chat:delete', { who: bob.id });
    await world.delivered([...alice.devices, ...bob.devices]);
    const bobBefore = await fullHistory(bob.socket, alice.id);
    clearLogs([...alice.devices, ...bob.devices]);

    expect(await request(alice.socket, 'message:send', { to: bob.id, clientId: x, content: 'x again' })).toEqual({
      ok: true,
      message: mx,
    });
    await world.delivered([...alice.devices, ...bob.devices]);
    expect(alice.log.events).toEqual([]);
    expect(bob.log.events).toEqual([]);
    expect(await chats(alice.socket)).toEqual([]);
    expect(await fullHistory(alice.socket, bob.id)).toEqual([]);
    expect(await fullHistory(bob.socket, alice.id)).toEqual(bobBefore);
    expect((await chatWith(bob.socket, alice.id))!.lastSeq).toBe(2);

    // Recreated by a new message (seq 1 again); the old clientIds still answer their first copies.
    const fresh = await send(alice.socket, bob.id, 'fresh');
    expect(fresh.seq).toBe(1);
    expect((await request(alice.socket, 'message:send', { to: bob.id, clientId: y, content: 'y' })).message).toEqual(
      my,
    );
    expect((await request(alice.socket, 'message:send', { to: bob.id, clientId: x, content: 'x' })).message).toEqual(
      mx,
    );
    expect(await fullHistory(alice.socket, bob.id)).toEqual([fresh]);
    expect((await fullHistory(bob.socket, alice.id)).map((m) => m.content)).toEqual(['x', 'y', 'fresh']);
  });

  it('treats the same clientId from a different sender as a separate message', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const clientId = newClientId();
    const fromAlice = await send(alice.socket, bob.id, 'from alice', clientId);
    const fromBob = await send(bob.socket, alice.id, 'from bob', clientId);
    expect(fromBob.id).not.toBe(fromAlice.id);
    expect(fromBob).toMatchObject({ user: bob.id, clientId, content: 'from bob', seq: 2 });
    const history = await fullHistory(alice.socket, bob.id);
    expect(history.map((m: Message) => [m.user, m.clientId, m.content])).toEqual([
      [alice.id, clientId, 'from alice'],
      [bob.id, clientId, 'from bob'],
    ]);
  });

  it('stores one message when two devices send the same clientId at once', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const other = await world.addDevice(alice);
    const clientId = newClientId();
    const payload = { to: bob.id, clientId, content: 'once' };
    const [a, b] = await Promise.all([
      request(alice.socket, 'message:send', payload),
      request(other.socket, 'message:send', payload),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(b.message).toEqual(a.message);
    await world.delivered(devicesOf(alice, bob));
    expect(bob.log.of('message:new')).toHaveLength(1);
    expect(alice.log.of('message:new')).toHaveLength(1);
    expect(other.log.of('message:new')).toHaveLength(1);
    expect(await fullHistory(bob.socket, alice.id)).toHaveLength(1);
  });
});
