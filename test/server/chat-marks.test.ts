// chat:pin, chat:mute and chat:mark-unread (docs/protocol.md 6.12) through real sockets: the
// caller's record changes, their sockets hear it once, nobody else hears anything, and the marks
// come back from chats:list after a reconnect. Run by the cluster config too, where a person's
// second device is on the other node.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chat } from '../../protocol/contract.js';
import { chats, chatWith, clearLogs, devicesOf, fails, ok, send, TestClock } from '../support/chat-helpers.js';
import { World, type Person } from '../support/world.js';

describe('chat marks', () => {
  let world: World;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock();
    world = await World.start({ now: clock.now });
  });
  afterEach(() => world.close());

  /** Alice (two devices) and Bob, who wrote to each other once; Alice has read Bob's message. */
  async function pair(): Promise<{ alice: Person; bob: Person; record: Chat }> {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await world.addDevice(alice);
    await send(alice.socket, bob.id, 'hi');
    await send(bob.socket, alice.id, 'hello');
    const { chat: record } = await ok(alice.socket, 'chat:read', { who: bob.id });
    await world.delivered(devicesOf(alice, bob));
    clearLogs(devicesOf(alice, bob));
    return { alice, bob, record };
  }

  /** Every device of `person` heard exactly this record as chat:updated, and `others` heard nothing. */
  async function heardOnly(person: Person, chat: Chat, others: Person[]): Promise<void> {
    await world.delivered(devicesOf(person, ...others));
    for (const device of person.devices)
      expect(device.log.events).toEqual([{ event: 'chat:updated', payload: { chat } }]);
    for (const device of devicesOf(...others)) expect(device.log.events).toEqual([]);
    clearLogs(devicesOf(person, ...others));
  }

  it('pins with the server time, keeps the first time on a repeat, and unpins', async () => {
    const { alice, bob, record } = await pair();
    clock.advance(5_000);
    const pinnedAt = clock.now();
    const { chat } = await ok(alice.devices[1]!.socket, 'chat:pin', { who: bob.id, pinned: true });
    expect(chat).toEqual({ ...record, pinnedAt });
    await heardOnly(alice, chat, [bob]);

    clock.advance(5_000);
    expect(await ok(alice.socket, 'chat:pin', { who: bob.id, pinned: true })).toEqual({ ok: true, chat });
    await world.delivered(devicesOf(alice, bob));
    for (const device of devicesOf(alice, bob)) expect(device.log.events).toEqual([]);

    const unpinned = await ok(alice.socket, 'chat:pin', { who: bob.id, pinned: false });
    expect(unpinned.chat).toEqual(record);
    await heardOnly(alice, record, [bob]);
    expect(await ok(alice.socket, 'chat:pin', { who: bob.id, pinned: false })).toEqual({ ok: true, chat: record });
    await world.delivered(devicesOf(alice, bob));
    for (const device of devicesOf(alice, bob)) expect(device.log.events).toEqual([]);
    // Bob's record never changed.
    expect((await chatWith(bob.socket, alice.id))!.pinnedAt).toBeUndefined();
  });

  it('mutes and unmutes; a new message keeps the mute and the pin', async () => {
    const { alice, bob, record } = await pair();
    const { chat } = await ok(alice.socket, 'chat:mute', { who: bob.id, muted: true });
    expect(chat).toEqual({ ...record, muted: true });
    await heardOnly(alice, chat, [bob]);
    expect(await ok(alice.socket, 'chat:mute', { who: bob.id, muted: true })).toEqual({ ok: true, chat });

    await ok(alice.socket, 'chat:pin', { who: bob.id, pinned: true });
    const message = await send(bob.socket, alice.id, 'news');
    const listed = (await chatWith(alice.socket, bob.id))!;
    expect(listed).toMatchObject({ muted: true, pinnedAt: clock.now(), unread: 1, last: message });

    const unmuted = await ok(alice.socket, 'chat:mute', { who: bob.id, muted: false });
    expect(unmuted.chat.muted).toBeUndefined();
    expect(unmuted.chat.pinnedAt).toBe(clock.now());
  });

  it('marks unread until the owner opens, reads or writes to the chat', async () => {
    const { alice, bob, record } = await pair();
    const marked = await ok(alice.socket, 'chat:mark-unread', { who: bob.id });
    expect(marked.chat).toEqual({ ...record, markedUnread: true });
    await heardOnly(alice, marked.chat, [bob]);
    expect(await ok(alice.socket, 'chat:mark-unread', { who: bob.id })).toEqual(marked);
    await world.delivered(devicesOf(alice, bob));
    for (const device of devicesOf(alice, bob)) expect(device.log.events).toEqual([]);

    // chat:read with unread already 0 still clears the mark, and says so to the owner's sockets.
    const read = await ok(alice.socket, 'chat:read', { who: bob.id });
    expect(read.chat).toEqual(record);
    await heardOnly(alice, record, [bob]);

    await ok(alice.socket, 'chat:mark-unread', { who: bob.id });
    const opened = await ok(alice.devices[1]!.socket, 'chat:open', { who: bob.id });
    expect(opened.chat.markedUnread).toBeUndefined();
    await ok(alice.devices[1]!.socket, 'chat:close', { who: bob.id });

    await ok(alice.socket, 'chat:mark-unread', { who: bob.id });
    await send(alice.socket, bob.id, 'my answer');
    expect((await chatWith(alice.socket, bob.id))!.markedUnread).toBeUndefined();
  });

  it('refuses a chat the caller has no record of, an unknown user, the caller and bad payloads', async () => {
    const { alice, bob } = await pair();
    const carol = await world.person('carol');
    for (const [event, extra] of [
      ['chat:pin', { pinned: true }],
      ['chat:mute', { muted: true }],
      ['chat:mark-unread', {}],
    ] as const) {
      // Carol never chatted with Alice: Alice's record with Bob is none of hers, and she has none with Alice.
      await fails(carol.socket, event, { who: alice.id, ...extra }, 'not_found');
      await fails(alice.socket, event, { who: carol.id, ...extra }, 'not_found');
      await fails(alice.socket, event, { who: 987_654_321, ...extra }, 'not_found');
      await fails(alice.socket, event, { who: alice.id, ...extra }, 'bad_request');
      await fails(alice.socket, event, { who: 'bob', ...extra }, 'bad_request');
    }
    await fails(alice.socket, 'chat:pin', { who: bob.id }, 'bad_request');
    await fails(alice.socket, 'chat:pin', { who: bob.id, pinned: 'yes' }, 'bad_request');
    await fails(alice.socket, 'chat:mute', { who: bob.id, muted: 1 }, 'bad_request');
    await fails(alice.socket, 'chat:mute', null, 'bad_request');
    // A deleted record is gone for these too, and nothing was created.
    await ok(alice.socket, 'chat:delete', { who: bob.id });
    await fails(alice.socket, 'chat:pin', { who: bob.id, pinned: true }, 'not_found');
    expect(await chatWith(alice.socket, bob.id)).toBeUndefined();
    expect(await chats(carol.socket)).toEqual([]);
    const [bobs] = await chats(bob.socket);
    expect(bobs).not.toHaveProperty('pinnedAt');
    expect(bobs).not.toHaveProperty('muted');
    expect(bobs).not.toHaveProperty('markedUnread');
  });

  it('gives the marks back in chats:list to a device that reconnects', async () => {
    const { alice, bob } = await pair();
    const pinnedAt = clock.now();
    await ok(alice.socket, 'chat:pin', { who: bob.id, pinned: true });
    await ok(alice.socket, 'chat:mute', { who: bob.id, muted: true });
    const { chat } = await ok(alice.socket, 'chat:mark-unread', { who: bob.id });
    await world.disconnect(alice.devices[1]!);
    const again = await world.device(alice.token);
    expect(await chats(again.socket)).toEqual([chat]);
    expect(chat).toMatchObject({ pinnedAt, muted: true, markedUnread: true });
  });

  it('tells the device on the other node (cluster) as well as this one', async () => {
    const { alice, bob } = await pair();
    const nodes = world.server.nodes;
    if (nodes.length > 1) {
      // World puts a person's second device on the other node.
      const [first, second] = alice.devices.map((device) =>
        nodes.findIndex((node) => node.io.sockets.sockets.has(device.socket.id!)),
      );
      expect(first).not.toBe(second);
    }
    const { chat } = await ok(alice.socket, 'chat:pin', { who: bob.id, pinned: true });
    expect(await alice.devices[1]!.log.waitFor('chat:updated')).toEqual({ chat });
  });
});
