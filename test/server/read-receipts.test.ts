// Read receipts (docs/protocol.md 6.12) through real sockets and the account settings endpoint:
// the writer's record learns how far the reader has read, by chat:open, chat:read, a reply, or
// a message arriving while the reader views the pair — unless either of them has receipts off.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chat } from '../../protocol/contract.js';
import { httpPaths } from '../../protocol/contract.js';
import { chats, chatWith, clearLogs, devicesOf, ok, send } from '../support/chat-helpers.js';
import { World, type Person } from '../support/world.js';

describe('read receipts', () => {
  let world: World;
  beforeEach(async () => {
    world = await World.start();
  });
  afterEach(() => world.close());

  async function call(method: string, path: string, token: string, body?: string) {
    const response = await fetch(`${world.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function setReceipts(person: Person, on: boolean): Promise<void> {
    const answer = await call('PUT', httpPaths.accountSettings, person.token, JSON.stringify({ readReceipts: on }));
    expect(answer).toEqual({ status: 200, body: { readReceipts: on } });
  }

  /** What `person`'s record with `peer` says of it, as listed. */
  async function readUpTo(person: Person, peer: Person): Promise<number | undefined> {
    return (await chatWith(person.socket, peer.id))?.peerReadId;
  }

  async function everyoneQuiet(...people: Person[]): Promise<void> {
    await world.delivered(devicesOf(...people));
    for (const device of devicesOf(...people)) expect(device.log.events).toEqual([]);
  }

  it('tells every socket of the writer when the reader opens or reads, once', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await world.addDevice(bob);
    await send(bob.socket, alice.id, 'one');
    const two = await send(bob.socket, alice.id, 'two');
    expect(await readUpTo(bob, alice)).toBeUndefined();
    await world.delivered(devicesOf(alice, bob));
    clearLogs(devicesOf(alice, bob));

    await ok(alice.socket, 'chat:read', { who: bob.id });
    await world.delivered(devicesOf(bob));
    const bobs = (await chatWith(bob.socket, alice.id))!;
    expect(bobs.peerReadId).toBe(two.id);
    for (const device of bob.devices)
      expect(device.log.events).toEqual([{ event: 'chat:updated', payload: { chat: bobs } }]);
    // Alice's own record says nothing of what Bob read: he has not read anything of hers.
    expect(await readUpTo(alice, bob)).toBeUndefined();

    // Reading again, or opening with nothing new, moves nothing and tells nobody.
    clearLogs(devicesOf(alice, bob));
    await ok(alice.socket, 'chat:read', { who: bob.id });
    await ok(alice.socket, 'chat:open', { who: bob.id });
    await world.delivered(devicesOf(bob));
    for (const device of bob.devices) expect(device.log.events).toEqual([]);
  });

  it('counts a message that arrives while the reader views the pair, and a reply, as read', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await ok(alice.socket, 'chat:open', { who: bob.id });
    await world.synced(); // the node Bob sends through knows Alice views the pair
    const seen = await send(bob.socket, alice.id, 'you are looking');
    const event = await bob.log.waitFor('message:new');
    expect(event.chat.peerReadId).toBe(seen.id);
    expect(await readUpTo(bob, alice)).toBe(seen.id);

    // Not viewing: the next one is unread until Alice answers; her answer carries the receipt.
    await ok(alice.socket, 'chat:close', { who: bob.id });
    await world.synced(); // … and that she stopped
    const unseen = await send(bob.socket, alice.id, 'are you there?');
    expect(await readUpTo(bob, alice)).toBe(seen.id);
    expect((await chatWith(alice.socket, bob.id))!.unread).toBe(1);
    clearLogs(devicesOf(bob));
    await send(alice.socket, bob.id, 'yes');
    const reply = await bob.log.waitFor('message:new');
    expect(reply.chat.peerReadId).toBe(unseen.id);
    expect(await readUpTo(bob, alice)).toBe(unseen.id);
    expect((await chatWith(alice.socket, bob.id))!.unread).toBe(0);
  });

  it('never sets or shows one while either side has receipts off, and forgets them when turned off', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const carol = await world.person('carol');
    await send(bob.socket, alice.id, 'to alice');
    await send(alice.socket, bob.id, 'to bob');
    await send(carol.socket, alice.id, 'to alice from carol');
    await send(alice.socket, carol.id, 'to carol');
    await ok(bob.socket, 'chat:read', { who: alice.id });
    await ok(carol.socket, 'chat:read', { who: alice.id });
    expect(await readUpTo(bob, alice)).toBeDefined();
    expect(await readUpTo(alice, bob)).toBeDefined();
    expect(await readUpTo(alice, carol)).toBeDefined();
    expect(await readUpTo(carol, alice)).toBeDefined();

    // Alice turns them off: gone from her records and from those of everyone she chats with.
    await setReceipts(alice, false);
    expect((await call('GET', httpPaths.account, alice.token)).body.readReceipts).toBe(false);
    for (const chat of [...(await chats(alice.socket)), ...(await chats(bob.socket)), ...(await chats(carol.socket))])
      expect(chat).not.toHaveProperty('peerReadId');

    // Either side off: reading sets nothing, sends no receipt.
    await world.delivered(devicesOf(alice, bob, carol));
    clearLogs(devicesOf(alice, bob, carol));
    await send(bob.socket, alice.id, 'again');
    await ok(alice.socket, 'chat:read', { who: bob.id });
    await ok(bob.socket, 'chat:open', { who: alice.id });
    await send(alice.socket, bob.id, 'seen while he looks');
    await world.delivered(devicesOf(alice, bob));
    for (const { payload } of devicesOf(alice, bob).flatMap((device) => device.log.events))
      expect(payload.chat as Chat).not.toHaveProperty('peerReadId');
    expect(await readUpTo(bob, alice)).toBeUndefined();
    expect(await readUpTo(alice, bob)).toBeUndefined();

    // Back on for Alice, but Bob turns his off: still none between them; Carol's work again.
    await setReceipts(alice, true);
    await setReceipts(bob, false);
    await ok(bob.socket, 'chat:close', { who: alice.id });
    await send(alice.socket, bob.id, 'one more');
    await ok(bob.socket, 'chat:read', { who: alice.id });
    expect(await readUpTo(alice, bob)).toBeUndefined();
    const fromCarol = await send(carol.socket, alice.id, 'hello again');
    await ok(alice.socket, 'chat:read', { who: carol.id });
    expect(await readUpTo(carol, alice)).toBe(fromCarol.id);

    // Both on: the next reading sets it.
    await setReceipts(bob, true);
    await ok(bob.socket, 'chat:read', { who: alice.id });
    const listed = await chatWith(alice.socket, bob.id);
    expect(listed!.peerReadId).toBe(listed!.last!.id);
  });

  it('answers the setting in GET /api/account and refuses bad settings bodies, changing nothing', async () => {
    const alice = await world.person('alice');
    expect((await call('GET', httpPaths.account, alice.token)).body).toMatchObject({
      id: alice.id,
      readReceipts: true,
    });
    for (const body of ['', 'not json', '{}', '{"readReceipts":"no"}', '{"readReceipts":1}', '[true]', 'null']) {
      const answer = await call('PUT', httpPaths.accountSettings, alice.token, body);
      expect(answer.status, body).toBe(400);
      expect(answer.body.error.code).toBe('bad_request');
    }
    const huge = JSON.stringify({ readReceipts: false, padding: 'x'.repeat(17 * 1024) });
    expect((await call('PUT', httpPaths.accountSettings, alice.token, huge)).status).toBe(413);
    expect((await call('PUT', httpPaths.accountSettings, 'not-a-token', '{"readReceipts":false}')).status).toBe(401);
    expect((await call('GET', httpPaths.account, alice.token)).body.readReceipts).toBe(true);
    // Unknown fields are dropped; a repeat is the same answer.
    const answer = await call('PUT', httpPaths.accountSettings, alice.token, '{"readReceipts":false,"x":1}');
    expect(answer).toEqual({ status: 200, body: { readReceipts: false } });
    await setReceipts(alice, false);
    expect((await call('GET', httpPaths.account, alice.token)).body.readReceipts).toBe(false);
    await everyoneQuiet(alice);
  });

  it('gives the receipt back in chats:list to a writer who reconnects', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const message = await send(bob.socket, alice.id, 'read me');
    await world.disconnect(bob.devices[0]!);
    await ok(alice.socket, 'chat:open', { who: bob.id });
    const again = await world.device(bob.token);
    expect((await chats(again.socket))[0]).toMatchObject({ who: alice.id, peerReadId: message.id });
  });
});
