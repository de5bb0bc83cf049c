// message:send: the ack, dual writes with per-record seqs, message:new fan-out, chats:list order.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../server/store/sqlite/sqlite-store.js';
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
  TestClock,
} from '../support/chat-helpers.js';
import { World } from '../support/world.js';

const astral4000 = Array.from({ length: 4000 }, (_, i) => String.fromCodePoint(0x1f600 + (i % 80))).join('');

const contents: Array<[string, string]> = [
  ['plain text', 'hi'],
  ['emoji with modifiers and ZWJ sequences', 'hello 👋🏽 👨‍👩‍👧‍👦 🏳️‍🌈 ❤️'],
  ['CJK', '你好，世界 こんにちは 안녕하세요 漢字'],
  ['combining characters, not normalised', 'e\u0301 a\u0308 n\u0303 Z\u0324\u0354\u0367\u0311\u0313'],
  ['newlines and surrounding whitespace', '  line one\nline two\r\n\tline three\n\n'],
  ['right-to-left text', 'مرحبا بالعالم שלום'],
  ['a NUL and other controls', 'a\u0000b\u0007c'],
  ['4000 astral code points', astral4000],
];

describe('message:send', () => {
  let world: World;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock();
    world = await World.start({ now: clock.now });
  });
  afterEach(() => world.close());

  it('acks the sender’s copy with every field, content exactly as sent', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    let seq = 0;
    for (const [what, content] of contents) {
      const clientId = newClientId();
      clock.advance(1_000);
      const ack = await request(alice.socket, 'message:send', { to: bob.id, clientId, content });
      expect(ack.ok, what).toBe(true);
      const message: Message = ack.message;
      expect(Object.keys(message).sort()).toEqual(['clientId', 'content', 'date', 'id', 'name', 'seq', 'user']);
      expect(message).toMatchObject({ clientId, user: alice.id, name: alice.name, seq: ++seq });
      expect(message.content === content, what).toBe(true);
      expect(Number.isInteger(message.id) && message.id > 0).toBe(true);
      // The server's clock when it received the send.
      expect(message.date).toBe(clock.now());

      const got = await bob.log.waitFor('message:new', (e) => e.message.id === message.id);
      expect(got.message.content === content, what).toBe(true);
    }
    expect([...astral4000].length).toBe(4000);
    expect(astral4000.length).toBe(8000);

    // Stored exactly as sent, in both records.
    for (const [socket, peer] of [
      [alice.socket, bob.id],
      [bob.socket, alice.id],
    ] as const) {
      const history = await fullHistory(socket, peer);
      expect(history.map((m) => m.content)).toEqual(contents.map(([, content]) => content));
    }
  });

  it('creates both records on the first send and sets both last and updatedAt on every send', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    expect(await chats(alice.socket)).toEqual([]);
    expect(await chats(bob.socket)).toEqual([]);

    const first = await send(alice.socket, bob.id, 'first');
    const [aliceChat] = await chats(alice.socket);
    const [bobChat] = await chats(bob.socket);
    expect(await chats(alice.socket)).toHaveLength(1);
    expect(await chats(bob.socket)).toHaveLength(1);
    expect(aliceChat).toEqual({
      id: expect.any(Number),
      user: alice.id,
      who: bob.id,
      name: bob.name,
      unread: 0,
      updatedAt: first.date,
      lastSeq: 1,
      last: first,
    });
    expect(bobChat).toEqual({
      id: expect.any(Number),
      user: bob.id,
      who: alice.id,
      name: alice.name,
      unread: 1,
      updatedAt: first.date,
      lastSeq: 1,
      last: { ...first, seq: 1 },
    });
    expect(aliceChat!.id).not.toBe(bobChat!.id);

    clock.advance(20);
    const second = await send(bob.socket, alice.id, 'second');
    expect(second.date).toBeGreaterThan(first.date);
    expect(await chatWith(alice.socket, bob.id)).toMatchObject({
      id: aliceChat!.id,
      updatedAt: second.date,
      lastSeq: 2,
      unread: 1,
      last: { ...second, seq: 2 },
    });
    // Bob answered, so he has read his record: its unread went to 0 (6.12).
    expect(await chatWith(bob.socket, alice.id)).toMatchObject({
      id: bobChat!.id,
      updatedAt: second.date,
      lastSeq: 2,
      unread: 0,
      last: second,
    });
  });

  it('writes one copy into each record with the same id and each record’s own gap-free seq', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const sent: Message[] = [];
    sent.push(await send(alice.socket, bob.id, 'a1'));
    sent.push(await send(alice.socket, bob.id, 'a2'));
    sent.push(await send(bob.socket, alice.id, 'b1'));
    expect(sent.map((m) => m.seq)).toEqual([1, 2, 3]);

    // Bob deletes and re-receives: his new record counts from 1 while Alice's goes on.
    await ok(bob.socket, 'chat:delete', { who: alice.id });
    bob.log.clear();
    alice.log.clear();
    const a3 = await send(alice.socket, bob.id, 'a3');
    expect(a3.seq).toBe(4);
    const bobCopy = await bob.log.waitFor('message:new');
    expect(bobCopy.message).toEqual({ ...a3, seq: 1 });
    expect(bobCopy.chat).toMatchObject({ lastSeq: 1, last: { ...a3, seq: 1 } });
    const b2 = await send(bob.socket, alice.id, 'b2');
    expect(b2.seq).toBe(2);
    const aliceCopy = await alice.log.waitFor('message:new', (e) => e.message.id === b2.id);
    expect(aliceCopy.message).toEqual({ ...b2, seq: 5 });
    expect(aliceCopy.chat).toMatchObject({ user: alice.id, lastSeq: 5 });
    sent.push(a3, { ...b2, seq: 5 });
    const a4 = await send(alice.socket, bob.id, 'a4');
    sent.push(a4);

    const aliceHistory = await fullHistory(alice.socket, bob.id);
    const bobHistory = await fullHistory(bob.socket, alice.id);
    expect(aliceHistory.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(bobHistory.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(aliceHistory).toEqual(sent);
    // Bob's copies are Alice's last three: same id, clientId, sender, date, content.
    expect(bobHistory).toEqual(aliceHistory.slice(3).map((m, i) => ({ ...m, seq: i + 1 })));
    expect(new Set(aliceHistory.map((m) => m.id)).size).toBe(6);
    expect((await chatWith(alice.socket, bob.id))!.lastSeq).toBe(6);
    expect((await chatWith(bob.socket, alice.id))!.lastSeq).toBe(3);
  });

  it('emits message:new once to every socket of both sides, each with its owner’s record and copy', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const carol = await world.person('carol');
    await world.addDevice(alice);
    await world.addDevice(alice);
    await world.addDevice(bob);
    await world.addDevice(carol);
    const everyone = devicesOf(alice, bob, carol);
    await world.delivered(everyone);
    clearLogs(everyone);

    const sender = alice.devices[1]!;
    const ack = await request(sender.socket, 'message:send', {
      to: bob.id,
      clientId: newClientId(),
      content: 'to all',
    });
    // Server decision: the events go out before the ack, so the sending socket already has its own.
    expect(sender.log.of('message:new')).toHaveLength(1);
    const message: Message = ack.message;
    await world.delivered(everyone);
    for (const device of alice.devices) {
      expect(device.log.events.map((e) => e.event)).toEqual(['message:new']);
      const [event] = device.log.of('message:new');
      expect(event!.message).toEqual(message);
      expect(event!.chat).toMatchObject({
        user: alice.id,
        who: bob.id,
        name: bob.name,
        unread: 0,
        lastSeq: 1,
        last: message,
      });
      expect(event!.chat).toEqual(await chatWith(alice.socket, bob.id));
    }
    for (const device of bob.devices) {
      expect(device.log.events.map((e) => e.event)).toEqual(['message:new']);
      const [event] = device.log.of('message:new');
      expect(event!.message).toEqual({ ...message, seq: 1 });
      expect(event!.chat).toMatchObject({ user: bob.id, who: alice.id, name: alice.name, unread: 1, lastSeq: 1 });
      expect(event!.chat).toEqual(await chatWith(bob.socket, alice.id));
    }
    for (const device of carol.devices) expect(device.log.events).toEqual([]);

    // And the other way round, from Bob's second device.
    clearLogs(everyone);
    const reply = await send(bob.devices[1]!.socket, alice.id, 'back');
    await world.delivered(everyone);
    for (const device of [...alice.devices, ...bob.devices]) {
      expect(device.log.of('message:new').map((e) => e.message.id)).toEqual([reply.id]);
    }
    for (const device of alice.devices)
      expect(device.log.of('message:new')[0]!.chat).toMatchObject({ user: alice.id, unread: 1 });
    // Bob's send read his record: its unread went from 1 to 0 (6.12).
    for (const device of bob.devices)
      expect(device.log.of('message:new')[0]!.chat).toMatchObject({ user: bob.id, unread: 0 });
    for (const device of carol.devices) expect(device.log.events).toEqual([]);
  });

  it('carries out a send without a callback, and a socket’s sends in the order they were sent', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    (alice.socket.emit as (...args: unknown[]) => void)('message:send', {
      to: bob.id,
      clientId: newClientId(),
      content: 'no ack',
    });
    const got = await bob.log.waitFor('message:new');
    expect(got.message).toMatchObject({ content: 'no ack', user: alice.id, seq: 1 });
    await alice.log.waitFor('message:new');

    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(alice.socket, 'message:send', { to: bob.id, clientId: newClientId(), content: `n${i}` }),
      ),
    );
    expect(acks.map((ack) => ack.message.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const history = await fullHistory(bob.socket, alice.id);
    expect(history.map((m) => m.content)).toEqual(['no ack', ...Array.from({ length: 20 }, (_, i) => `n${i}`)]);
  });
});

describe('message:send atomicity', () => {
  let world: World;
  afterEach(() => world.close());

  it('stores both copies or neither, and a send that stored nothing does not count', async () => {
    world = await World.start({ sendRate: 2 });
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await send(alice.socket, bob.id, 'stored');
    const bobChat = (await chatWith(bob.socket, alice.id))!;
    const everyone = devicesOf(alice, bob);
    await world.delivered(everyone);
    const before = await snapshot([alice, bob]);
    clearLogs(everyone);

    // Make the receiver's copy fail after the message row and the sender's copy were written.
    const db = new Database(path.join(world.server.dataDir, databaseFileName));
    try {
      db.exec(`CREATE TRIGGER fail_receiver_copy BEFORE INSERT ON copies WHEN NEW.chat_id = ${bobChat.id}
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
      const clientId = newClientId();
      const ack = await request(alice.socket, 'message:send', { to: bob.id, clientId, content: 'half' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(ack.error.message.trim()).not.toBe('');
      await world.delivered(everyone);
      for (const device of everyone) expect(device.log.events).toEqual([]);
      expect(await snapshot([alice, bob])).toEqual(before);
      db.exec('DROP TRIGGER fail_receiver_copy');

      // The clientId was not taken, and the failed send used no slot of the limit (2 per 10 s).
      const retried = await send(alice.socket, bob.id, 'half', clientId);
      expect(retried).toMatchObject({ clientId, content: 'half', seq: 2 });
      expect((await fullHistory(bob.socket, alice.id)).map((m) => [m.seq, m.content])).toEqual([
        [1, 'stored'],
        [2, 'half'],
      ]);
    } finally {
      db.close();
    }
  });
});

describe('chats:list', () => {
  let world: World;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock();
    world = await World.start({ now: clock.now });
  });
  afterEach(() => world.close());

  it('lists the caller’s records, newest updatedAt first', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const carol = await world.person('carol');
    const dave = await world.person('dave');
    await send(alice.socket, bob.id, 'to bob');
    clock.advance(5);
    await send(carol.socket, alice.id, 'from carol');
    clock.advance(5);
    await send(alice.socket, dave.id, 'to dave');
    clock.advance(5);
    let list = await chats(alice.socket);
    expect(list.map((chat) => chat.who)).toEqual([dave.id, carol.id, bob.id]);
    expect(list.every((chat) => chat.user === alice.id)).toBe(true);

    await send(bob.socket, alice.id, 'from bob');
    clock.advance(5);
    list = await chats(alice.socket);
    expect(list.map((chat) => chat.who)).toEqual([bob.id, dave.id, carol.id]);
    const times = list.map((chat) => chat.updatedAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    await send(alice.socket, carol.id, 'to carol');
    expect((await chats(alice.socket)).map((chat) => chat.who)).toEqual([carol.id, bob.id, dave.id]);
    // Only the caller's records.
    expect((await chats(bob.socket)).map((chat) => [chat.user, chat.who])).toEqual([[bob.id, alice.id]]);
  });
});
