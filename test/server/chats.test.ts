// chat:open, chat:close, chat:read, chat:delete, and unread counting against who is viewing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chat } from '../../protocol/contract.js';
import { request } from '../support/clients.js';
import { chats, chatWith, clearLogs, devicesOf, fullHistory, ok, send, TestClock } from '../support/chat-helpers.js';
import { World, type Person } from '../support/world.js';

describe('chat records', () => {
  let world: World;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock();
    world = await World.start({ now: clock.now });
  });
  afterEach(() => world.close());

  /** The owner's unread count in their record for the peer, as listed. */
  async function unread(owner: Person, peer: Person): Promise<number | undefined> {
    return (await chatWith(owner.socket, peer.id))?.unread;
  }

  describe('chat:open', () => {
    it('creates a missing record and tells every socket of the owner', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.addDevice(alice);
      await world.addDevice(alice);
      const everyone = devicesOf(alice, bob);
      await world.delivered(everyone);
      clearLogs(everyone);
      clock.advance(1_000);
      const { chat } = await ok(alice.devices[2]!.socket, 'chat:open', { who: bob.id });
      expect(chat).toEqual({
        id: expect.any(Number),
        user: alice.id,
        who: bob.id,
        name: bob.name,
        unread: 0,
        updatedAt: expect.any(Number),
        lastSeq: 0,
        last: null,
      });
      expect(chat.updatedAt).toBe(clock.now());
      await world.delivered(everyone);
      for (const device of alice.devices)
        expect(device.log.events).toEqual([{ event: 'chat:updated', payload: { chat } }]);
      expect(bob.log.events).toEqual([]);
      expect(await chats(alice.socket)).toEqual([chat]);
      expect(await chats(bob.socket)).toEqual([]);

      // Opening it again finds the same record and, with nothing changed, emits nothing.
      clearLogs(everyone);
      expect((await ok(alice.socket, 'chat:open', { who: bob.id })).chat).toEqual(chat);
      await world.delivered(everyone);
      for (const device of everyone) expect(device.log.events).toEqual([]);
    });

    it('returns the existing record and sets unread to 0, telling every socket when it was above 0', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.addDevice(alice);
      await send(bob.socket, alice.id, 'one');
      await send(bob.socket, alice.id, 'two');
      const existing = (await chatWith(alice.socket, bob.id))!;
      expect(existing.unread).toBe(2);
      const everyone = devicesOf(alice, bob);
      await world.delivered(everyone);
      clearLogs(everyone);

      const { chat } = await ok(alice.devices[1]!.socket, 'chat:open', { who: bob.id });
      expect(chat).toEqual({ ...existing, unread: 0 });
      await world.delivered(everyone);
      for (const device of alice.devices)
        expect(device.log.events).toEqual([{ event: 'chat:updated', payload: { chat } }]);
      // Bob hears only that Alice read his messages (read receipts, 6.12).
      expect(bob.log.events).toEqual([
        { event: 'chat:updated', payload: { chat: expect.objectContaining({ peerReadId: existing.last!.id }) } },
      ]);
      expect(await unread(alice, bob)).toBe(0);
      expect(await unread(bob, alice)).toBe(0);
    });
  });

  describe('viewing and unread', () => {
    it('counts +1 per message while no device of the receiver views the pair', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      const carol = await world.person('carol');
      await world.addDevice(alice);
      await ok(alice.socket, 'chat:open', { who: carol.id }); // viewing someone else does not count
      for (let i = 1; i <= 3; i++) {
        await send(bob.socket, alice.id, `m${i}`);
        expect(await unread(alice, bob)).toBe(i);
        const event = await alice.devices[1]!.log.waitFor('message:new', (e) => e.chat.lastSeq === i);
        expect(event.chat.unread).toBe(i);
      }
      // The sender's own record never counts its own messages.
      expect(await unread(bob, alice)).toBe(0);
    });

    it('does not count while any one of the receiver’s devices views the pair', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.addDevice(alice);
      const viewer = await world.addDevice(alice);
      await ok(viewer.socket, 'chat:open', { who: bob.id });
      await world.synced(); // the node Bob sends through knows
      for (let i = 1; i <= 3; i++) {
        await send(bob.socket, alice.id, `m${i}`);
        expect(await unread(alice, bob)).toBe(0);
      }
      await world.delivered(devicesOf(alice));
      for (const device of alice.devices) {
        expect(device.log.of('message:new').map((e) => e.chat.unread)).toEqual([0, 0, 0]);
      }
      // Viewing is per pair and per direction: Bob is not viewing, so his record counts.
      await send(alice.socket, bob.id, 'reply');
      expect(await unread(bob, alice)).toBe(1);
    });

    /**
     * Alice views Bob; a message then leaves unread at 0; `end` ends it; the next one counts.
     * Each send waits until every node knows who views (`synced`): Bob's may not be Alice's.
     */
    async function endsViewing(alice: Person, bob: Person, end: () => Promise<void>, expected = 1): Promise<void> {
      await world.synced();
      await send(bob.socket, alice.id, 'while viewing');
      expect(await unread(alice, bob)).toBe(0);
      await end();
      await world.synced();
      await send(bob.socket, alice.id, 'after viewing');
      expect(await unread(alice, bob)).toBe(expected);
    }

    it('ends viewing with chat:close', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.addDevice(alice);
      await ok(alice.socket, 'chat:open', { who: bob.id });
      await endsViewing(alice, bob, async () => {
        expect(await request(alice.socket, 'chat:close', { who: bob.id })).toEqual({ ok: true });
      });
    });

    it('ends viewing with chat:open of another peer on the same socket', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      const carol = await world.person('carol');
      await ok(alice.socket, 'chat:open', { who: bob.id });
      await endsViewing(alice, bob, async () => {
        await ok(alice.socket, 'chat:open', { who: carol.id });
      });
      await send(carol.socket, alice.id, 'carol is viewed now');
      expect(await unread(alice, carol)).toBe(0);
    });

    it('ends viewing on every socket of the owner with chat:delete of that peer', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      const other = await world.addDevice(alice);
      const third = await world.addDevice(alice);
      await ok(alice.socket, 'chat:open', { who: bob.id });
      await ok(other.socket, 'chat:open', { who: bob.id });
      await endsViewing(alice, bob, async () => {
        await ok(third.socket, 'chat:delete', { who: bob.id });
      });
    });

    it('ends viewing with disconnect', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      const viewer = await world.addDevice(alice);
      await ok(viewer.socket, 'chat:open', { who: bob.id });
      await endsViewing(alice, bob, () => world.disconnect(viewer));
      // And when the owner's last socket goes, too.
      const last = await world.person('last');
      await world.watch(bob.devices[0]!, [last]);
      await ok(last.socket, 'chat:open', { who: bob.id });
      await world.synced();
      await send(bob.socket, last.id, 'while viewing');
      last.socket.close();
      await bob.log.waitFor('presence', (e) => e.id === last.id && !e.online);
      await send(bob.socket, last.id, 'after');
      const back = await world.addDevice(last);
      expect((await chatWith(back.socket, bob.id))!.unread).toBe(1);
    });

    it('chat:close with nothing to do is fine and does not end another view', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      const carol = await world.person('carol');
      expect(await request(alice.socket, 'chat:close', { who: bob.id })).toEqual({ ok: true });
      await ok(alice.socket, 'chat:open', { who: bob.id });
      expect(await request(alice.socket, 'chat:close', { who: carol.id })).toEqual({ ok: true });
      const other = await world.addDevice(alice);
      expect(await request(other.socket, 'chat:close', { who: bob.id })).toEqual({ ok: true });
      await endsViewing(alice, bob, async () => {
        await ok(alice.socket, 'chat:close', { who: bob.id });
        expect(await request(alice.socket, 'chat:close', { who: bob.id })).toEqual({ ok: true });
      });
      expect(await chatWith(alice.socket, carol.id)).toBeUndefined();
    });
  });

  describe('chat:read', () => {
    it('sets unread to 0 and tells every socket only when it went from above 0 to 0', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.addDevice(alice);
      await send(bob.socket, alice.id, 'one');
      await send(bob.socket, alice.id, 'two');
      const existing = (await chatWith(alice.socket, bob.id))!;
      const everyone = devicesOf(alice, bob);
      await world.delivered(everyone);
      clearLogs(everyone);

      const ack = await request(alice.socket, 'chat:read', { who: bob.id });
      expect(ack).toEqual({ ok: true, chat: { ...existing, unread: 0 } });
      await world.delivered(everyone);
      for (const device of alice.devices)
        expect(device.log.events).toEqual([{ event: 'chat:updated', payload: { chat: ack.chat } }]);
      // Bob hears only that Alice read his messages (read receipts, 6.12).
      expect(bob.log.events).toEqual([
        { event: 'chat:updated', payload: { chat: expect.objectContaining({ peerReadId: existing.last!.id }) } },
      ]);

      clearLogs(everyone);
      expect(await request(alice.devices[1]!.socket, 'chat:read', { who: bob.id })).toEqual(ack);
      await world.delivered(everyone);
      for (const device of everyone) expect(device.log.events).toEqual([]);

      // Reading is not viewing: the next message counts.
      await send(bob.socket, alice.id, 'three');
      expect(await unread(alice, bob)).toBe(1);
    });

    it('answers { chat: null } when there is no record, and creates none', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.delivered(devicesOf(alice, bob));
      clearLogs(devicesOf(alice, bob));
      expect(await request(alice.socket, 'chat:read', { who: bob.id })).toEqual({ ok: true, chat: null });
      await world.delivered(devicesOf(alice, bob));
      expect(alice.log.events).toEqual([]);
      expect(await chats(alice.socket)).toEqual([]);
    });
  });

  describe('chat:delete', () => {
    it('deletes only the caller’s record and copies, and tells every socket of the owner', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.addDevice(alice);
      await world.addDevice(alice);
      await world.addDevice(bob);
      for (let i = 0; i < 3; i++) await send(alice.socket, bob.id, `a${i}`);
      await send(bob.socket, alice.id, 'b0');
      const bobList = await chats(bob.socket);
      const bobHistory = await fullHistory(bob.socket, alice.id);
      const everyone = devicesOf(alice, bob);
      await world.delivered(everyone);
      clearLogs(everyone);

      expect(await request(alice.devices[1]!.socket, 'chat:delete', { who: bob.id })).toEqual({ ok: true });
      await world.delivered(everyone);
      for (const device of alice.devices)
        expect(device.log.events).toEqual([{ event: 'chat:deleted', payload: { who: bob.id } }]);
      for (const device of bob.devices) expect(device.log.events).toEqual([]);
      expect(await chats(alice.socket)).toEqual([]);
      expect(await request(alice.socket, 'chat:history', { who: bob.id })).toEqual({
        ok: true,
        messages: [],
        hasMore: false,
      });
      expect(await request(alice.socket, 'chat:read', { who: bob.id })).toEqual({ ok: true, chat: null });
      expect(await chats(bob.socket)).toEqual(bobList);
      expect(await fullHistory(bob.socket, alice.id)).toEqual(bobHistory);
    });

    it('is fine without a record (and still emits chat:deleted)', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.addDevice(alice);
      await send(bob.socket, alice.id, 'kept');
      const bobList = await chats(bob.socket);
      await ok(alice.socket, 'chat:delete', { who: bob.id });
      const everyone = devicesOf(alice, bob);
      await world.delivered(everyone);
      clearLogs(everyone);
      expect(await request(alice.socket, 'chat:delete', { who: bob.id })).toEqual({ ok: true });
      await world.delivered(everyone);
      for (const device of alice.devices)
        expect(device.log.events).toEqual([{ event: 'chat:deleted', payload: { who: bob.id } }]);
      expect(bob.log.events).toEqual([]);
      expect(await chats(bob.socket)).toEqual(bobList);
    });

    it('lets the next message recreate the record with a new id and seq from 1 while the peer’s seq goes on', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await send(alice.socket, bob.id, 'a0');
      await send(bob.socket, alice.id, 'b0');
      const old: Chat = (await chatWith(alice.socket, bob.id))!;
      await ok(alice.socket, 'chat:delete', { who: bob.id });
      alice.log.clear();

      // Recreated by a message from the peer…
      const b1 = await send(bob.socket, alice.id, 'b1');
      expect(b1.seq).toBe(3);
      const event = await alice.log.waitFor('message:new');
      const recreated = (await chatWith(alice.socket, bob.id))!;
      expect(recreated.id).not.toBe(old.id);
      expect(recreated).toMatchObject({ lastSeq: 1, unread: 1, last: { ...b1, seq: 1 } });
      expect(event).toEqual({ chat: recreated, message: { ...b1, seq: 1 } });
      expect(await fullHistory(alice.socket, bob.id)).toEqual([{ ...b1, seq: 1 }]);

      // …or by the owner's own message.
      await ok(alice.socket, 'chat:delete', { who: bob.id });
      const a1 = await send(alice.socket, bob.id, 'a1');
      expect(a1.seq).toBe(1);
      const again = (await chatWith(alice.socket, bob.id))!;
      expect(again.id).not.toBe(recreated.id);
      expect(again.id).not.toBe(old.id);
      expect((await fullHistory(bob.socket, alice.id)).map((m) => [m.seq, m.content])).toEqual([
        [1, 'a0'],
        [2, 'b0'],
        [3, 'b1'],
        [4, 'a1'],
      ]);

      // …or by chat:open, empty.
      await ok(alice.socket, 'chat:delete', { who: bob.id });
      const opened = (await ok(alice.socket, 'chat:open', { who: bob.id })).chat;
      expect(opened).toMatchObject({ lastSeq: 0, last: null, unread: 0 });
      expect([old.id, recreated.id, again.id]).not.toContain(opened.id);
    });
  });

  it('carries out open, read, close and delete sent without a callback, in order', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const emit = alice.socket.emit as (...args: unknown[]) => void;
    await send(bob.socket, alice.id, 'one');
    emit.call(alice.socket, 'chat:open', { who: bob.id });
    expect((await alice.log.waitFor('chat:updated')).chat).toMatchObject({ who: bob.id, unread: 0 });
    await world.synced();
    await send(bob.socket, alice.id, 'viewed');
    expect(await unread(alice, bob)).toBe(0);
    emit.call(alice.socket, 'chat:close', { who: bob.id });
    await chats(alice.socket); // carried out in order: the close is done once this answers
    await world.synced();
    await send(bob.socket, alice.id, 'not viewed');
    expect(await unread(alice, bob)).toBe(1);
    alice.log.clear();
    emit.call(alice.socket, 'chat:read', { who: bob.id });
    emit.call(alice.socket, 'chat:delete', { who: bob.id });
    expect(await alice.log.waitFor('chat:deleted')).toEqual({ who: bob.id });
    expect(alice.log.events.map((e) => e.event)).toEqual(['chat:updated', 'chat:deleted']);
    expect(await chats(alice.socket)).toEqual([]);
  });

  it('answers not_found for an unknown user and bad_request for oneself', async () => {
    const alice = await world.person('alice');
    for (const event of ['chat:open', 'chat:close', 'chat:read', 'chat:delete', 'chat:history']) {
      expect((await request(alice.socket, event, { who: 424_242 })).error.code).toBe('not_found');
      expect((await request(alice.socket, event, { who: alice.id })).error.code).toBe('bad_request');
    }
    expect(await chats(alice.socket)).toEqual([]);
    expect(alice.socket.connected).toBe(true);
  });
});
