// Malformed requests: each answered { ok: false, error: { code, message } }, nothing stored or
// emitted, and the connection stays up. Extra fields in a valid payload are ignored.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
import { World, type Device, type Person } from '../support/world.js';

interface Ids {
  self: number;
  peer: number;
}
type Case = [name: string, event: string, payload: (ids: Ids) => unknown, code: string];

const NONE = Symbol('no payload');
const unknownId = 987_654;

/** Payloads of the wrong shape altogether, for every event that takes one. */
const shapes: Array<[string, unknown]> = [
  ['no payload', NONE],
  ['null', null],
  ['an empty array', []],
  ['a number', 5],
  ['a string', 'hello'],
  ['a boolean', true],
  ['an empty object', {}],
];

/** Wrong values for a user id field; the peer's real id is used where a coercion would find it. */
function badIds(ids: Ids): Array<[string, unknown]> {
  return [
    ['a numeric string', String(ids.peer)],
    ['a float', ids.peer + 0.5],
    ['a negative number', -ids.peer],
    ['zero', 0],
    ['a boolean', true],
    ['null', null],
    ['an object', { id: ids.peer }],
    ['an array', [ids.peer]],
    ['beyond the safe integers', 2 ** 53],
    ['a name', 'bob'],
  ];
}
const badIdNames = badIds({ self: 1, peer: 2 }).map(([name]) => name);

const peerEvents: Array<[event: string, field: string, extra: (ids: Ids) => object]> = [
  ['chat:open', 'who', () => ({})],
  ['chat:close', 'who', () => ({})],
  ['chat:read', 'who', () => ({})],
  ['chat:delete', 'who', () => ({})],
  ['chat:history', 'who', () => ({})],
  ['typing', 'to', () => ({})],
  ['message:send', 'to', () => ({ clientId: newClientId(), content: 'hi' })],
];

const cases: Case[] = [];
for (const [event, field, extra] of peerEvents) {
  for (const [name, payload] of shapes) cases.push([`${event}: ${name}`, event, () => payload, 'bad_request']);
  cases.push([
    `${event}: an array holding the payload`,
    event,
    (ids) => [{ [field]: ids.peer, ...extra(ids) }],
    'bad_request',
  ]);
  cases.push([`${event}: ${field} missing`, event, (ids) => ({ ...extra(ids) }), 'bad_request']);
  cases.push([
    `${event}: ${field} misnamed`,
    event,
    (ids) => ({ [field === 'who' ? 'to' : 'who']: ids.peer, ...extra(ids) }),
    'bad_request',
  ]);
  for (const [i, name] of badIdNames.entries()) {
    cases.push([
      `${event}: ${field} ${name}`,
      event,
      (ids) => ({ [field]: badIds(ids)[i]![1], ...extra(ids) }),
      'bad_request',
    ]);
  }
  cases.push([`${event}: ${field} unknown`, event, (ids) => ({ [field]: unknownId, ...extra(ids) }), 'not_found']);
  cases.push([
    `${event}: ${field} one’s own id`,
    event,
    (ids) => ({ [field]: ids.self, ...extra(ids) }),
    'bad_request',
  ]);
}

const sendWith =
  (content: unknown, clientId: unknown = newClientId()) =>
  (ids: Ids) => ({ to: ids.peer, clientId, content });
const sendCases: Array<[string, (ids: Ids) => unknown, string]> = [
  ['clientId missing', (ids) => ({ to: ids.peer, content: 'hi' }), 'bad_request'],
  ['content missing', (ids) => ({ to: ids.peer, clientId: newClientId() }), 'bad_request'],
  ['clientId empty', sendWith('hi', ''), 'bad_request'],
  ['clientId of 65 characters', sendWith('hi', 'a'.repeat(65)), 'bad_request'],
  ['clientId with a space', sendWith('hi', 'has space'), 'bad_request'],
  ['clientId with a dot', sendWith('hi', 'dot.dot'), 'bad_request'],
  ['clientId with a slash', sendWith('hi', 'a/b'), 'bad_request'],
  ['clientId with a non-ASCII letter', sendWith('hi', 'ü'), 'bad_request'],
  ['clientId with a trailing newline', sendWith('hi', 'abc\n'), 'bad_request'],
  ['clientId a number', sendWith('hi', 42), 'bad_request'],
  ['clientId null', sendWith('hi', null), 'bad_request'],
  ['clientId an array', sendWith('hi', ['abc']), 'bad_request'],
  ['content empty', sendWith(''), 'bad_request'],
  ['content a space', sendWith(' '), 'bad_request'],
  ['content only whitespace', sendWith(' \n\t\r\n '), 'bad_request'],
  ['content only Unicode whitespace', sendWith('\u3000\u00a0\u2003'), 'bad_request'],
  ['content a lone high surrogate', sendWith('\uD800'), 'bad_request'],
  ['content with a lone low surrogate inside', sendWith('ok\uDC00ok'), 'bad_request'],
  ['content a number', sendWith(42), 'bad_request'],
  ['content null', sendWith(null), 'bad_request'],
  ['content a boolean', sendWith(true), 'bad_request'],
  ['content an array', sendWith(['hi']), 'bad_request'],
  ['content an object', sendWith({ text: 'hi' }), 'bad_request'],
  ['content of 4001 code points', sendWith('x'.repeat(4001)), 'too_large'],
  ['content of 4001 astral code points', sendWith('😀'.repeat(4001)), 'too_large'],
];
for (const [name, payload, code] of sendCases) cases.push([`message:send: ${name}`, 'message:send', payload, code]);

const history = (params: object) => (ids: Ids) => ({ who: ids.peer, ...params });
const historyCases: Array<[string, object]> = [
  ['beforeSeq 0', { beforeSeq: 0 }],
  ['beforeSeq -1', { beforeSeq: -1 }],
  ['beforeSeq 1.5', { beforeSeq: 1.5 }],
  ['beforeSeq a string', { beforeSeq: '3' }],
  ['beforeSeq a boolean', { beforeSeq: true }],
  ['beforeSeq null', { beforeSeq: null }],
  ['afterSeq -1', { afterSeq: -1 }],
  ['afterSeq 0.5', { afterSeq: 0.5 }],
  ['afterSeq a string', { afterSeq: '0' }],
  ['afterSeq a boolean', { afterSeq: false }],
  ['afterSeq null', { afterSeq: null }],
  ['both beforeSeq and afterSeq', { beforeSeq: 3, afterSeq: 1 }],
  ['both, afterSeq 0', { beforeSeq: 1, afterSeq: 0 }],
  ['limit 0', { limit: 0 }],
  ['limit 201', { limit: 201 }],
  ['limit -1', { limit: -1 }],
  ['limit 1.5', { limit: 1.5 }],
  ['limit a string', { limit: '10' }],
  ['limit null', { limit: null }],
  ['limit huge', { limit: 1e9 }],
];
for (const [name, params] of historyCases)
  cases.push([`chat:history: ${name}`, 'chat:history', history(params), 'bad_request']);

describe('malformed requests', () => {
  // One server for the whole table: every case must leave it exactly as it was.
  let world: World;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let before: unknown;
  let caller: Device;
  beforeAll(async () => {
    world = await World.start();
    alice = await world.person('alice');
    bob = await world.person('bob');
    carol = await world.person('carol');
    // Unread above 0 in Alice's records, so a wrongly accepted open/read/delete would show.
    await send(alice.socket, bob.id, 'a1');
    await send(bob.socket, alice.id, 'b1');
    await send(bob.socket, alice.id, 'b2');
    await send(carol.socket, alice.id, 'c1');
  });
  afterAll(() => world.close());
  beforeEach(async () => {
    caller = await world.addDevice(alice);
    await world.delivered([caller, ...devicesOf(alice, bob, carol)]);
    clearLogs(devicesOf(alice, bob, carol));
    before = await snapshot([alice, bob, carol]);
  });
  afterEach(() => {
    caller.socket.close();
    alice.devices.pop();
  });

  it.each(cases)('%s', async (_name, event, payload, code) => {
    const body = payload({ self: alice.id, peer: bob.id });
    const ack = await request(caller.socket, event, body === NONE ? undefined : body);
    expect(ack).toEqual({ ok: false, error: { code, message: expect.any(String) } });
    expect(ack.error.message.trim()).not.toBe('');
    expect(caller.socket.connected).toBe(true);
    // A following valid request on the same socket succeeds.
    expect((await request(caller.socket, 'chat:history', { who: bob.id, limit: 1 })).ok).toBe(true);
    await world.delivered(devicesOf(alice, bob, carol));
    for (const device of devicesOf(alice, bob, carol)) expect(device.log.events).toEqual([]);
    expect(await snapshot([alice, bob, carol])).toEqual(before);
  });
});

describe('payloads at the limits and with extra fields', () => {
  let world: World;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock();
    world = await World.start({ now: clock.now });
  });
  afterEach(() => world.close());

  it('accepts 4000 code points and a 64-character clientId', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const content = 'x'.repeat(3999) + '😀';
    const clientId = 'A-z_09'.repeat(10) + 'abcd';
    expect(clientId).toHaveLength(64);
    expect(await send(alice.socket, bob.id, content, clientId)).toMatchObject({ content, clientId, seq: 1 });
    expect(await send(alice.socket, bob.id, '\u3000x\u3000')).toMatchObject({ content: '\u3000x\u3000' });
    expect(await send(alice.socket, bob.id, 'a', 'a')).toMatchObject({ content: 'a', clientId: 'a' });
  });

  it('ignores fields beyond those named: the sender is always the token’s user', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const carol = await world.person('carol');
    await send(bob.socket, alice.id, 'so alice has unread');
    await send(bob.socket, carol.id, 'and carol too');
    await world.delivered(devicesOf(alice, bob, carol));
    clearLogs(devicesOf(alice, bob, carol));
    const carolBefore = await snapshot([carol]);

    const forged = { user: carol.id, from: carol.id, name: 'mallory', id: 12_345, seq: 77, date: 1, owner: carol.id };
    const clientId = newClientId();
    const ack = await request(alice.socket, 'message:send', { to: bob.id, clientId, content: 'mine', ...forged });
    expect(ack.ok).toBe(true);
    expect(ack.message).toMatchObject({ user: alice.id, name: alice.name, clientId, content: 'mine', seq: 2 });
    expect(ack.message.id).not.toBe(12_345);
    expect(ack.message.date).toBe(clock.now());
    const got = await bob.log.waitFor('message:new');
    expect(got.message).toEqual(ack.message);
    expect(got.chat).toMatchObject({ user: bob.id, who: alice.id });

    const opened = await ok(alice.socket, 'chat:open', { who: bob.id, ...forged });
    expect(opened.chat).toMatchObject({ user: alice.id, who: bob.id, unread: 0 });
    const page = await ok(alice.socket, 'chat:history', { who: bob.id, ...forged, before: 1 });
    expect(page.messages.map((m: any) => m.content)).toEqual(['so alice has unread', 'mine']);
    expect(await request(alice.socket, 'chat:read', { who: bob.id, ...forged })).toMatchObject({
      ok: true,
      chat: { user: alice.id },
    });
    await ok(bob.socket, 'chat:open', { who: alice.id });
    expect(await request(alice.socket, 'typing', { to: bob.id, ...forged })).toEqual({ ok: true });
    expect(await bob.log.waitFor('typing')).toEqual({ from: alice.id });
    expect(await request(alice.socket, 'chat:close', { who: bob.id, ...forged })).toEqual({ ok: true });
    expect(await request(alice.socket, 'chat:delete', { who: bob.id, ...forged })).toEqual({ ok: true });
    expect(await chats(alice.socket)).toEqual([]);
    expect((await chatWith(bob.socket, alice.id))!.lastSeq).toBe(2);

    // Carol, named in every forged field, saw nothing and has what she had.
    await world.delivered(devicesOf(alice, bob, carol));
    expect(carol.log.events).toEqual([]);
    expect(await snapshot([carol])).toEqual(carolBefore);
    expect(await fullHistory(carol.socket, bob.id)).toHaveLength(1);
  });
});
