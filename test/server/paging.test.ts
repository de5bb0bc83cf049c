// users:list and chats:list pages (docs/protocol.md §6.3): name-key order, query by prefix and
// substring, limits, cursors that stay exact while users register and records change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chat, User } from '../../protocol/contract.js';
import { fails, ok, send, TestClock } from '../support/chat-helpers.js';
import { register, request, type ClientSocket } from '../support/clients.js';
import { World, type Person } from '../support/world.js';

/** Every page of a list request from `payload` on, and each page's size. */
async function allPages<T>(
  socket: ClientSocket,
  event: 'users:list' | 'chats:list',
  payload: Record<string, unknown>,
  between?: (page: number) => Promise<void>,
): Promise<{ items: T[]; sizes: number[] }> {
  const items: T[] = [];
  const sizes: number[] = [];
  let after: string | undefined;
  do {
    const ack = await ok(socket, event, after === undefined ? payload : { ...payload, after });
    const page = (event === 'users:list' ? ack.users : ack.chats) as T[];
    items.push(...page);
    sizes.push(page.length);
    after = ack.next as string | undefined;
    await between?.(sizes.length);
  } while (after !== undefined);
  return { items, sizes };
}

const names = (users: User[]) => users.map((user) => user.name);

describe('users:list pages', () => {
  let world: World;
  let viewer: Person;
  /** Without the users the cluster run's sync helper registers (none on one node). */
  const listed = (users: User[]) => names(users.filter((user) => !world.helperIds.has(user.id)));
  beforeEach(async () => {
    world = await World.start();
    viewer = await world.person('viewer');
    for (const name of ['zed', 'Natalie', 'Émile', 'alina', 'Bob', 'Alice']) await register(world.url, name);
  });
  afterEach(() => world.close());

  it('lists everyone but the caller in name-key order, code point by code point, without a payload', async () => {
    const ack = await request(viewer.socket, 'users:list');
    // 'é' (U+00E9) comes after every ASCII letter.
    expect(listed(ack.users)).toEqual(['Alice', 'alina', 'Bob', 'Natalie', 'zed', 'Émile']);
    expect(ack).not.toHaveProperty('next');
    expect(ack.users[0]).toEqual({ id: expect.any(Number), name: 'Alice', online: false });
  });

  it('matches the query against the name key by prefix and by substring', async () => {
    const byQuery = async (query: string) =>
      listed((await allPages<User>(viewer.socket, 'users:list', { query })).items);
    expect(await byQuery('ALI')).toEqual(['Alice', 'alina', 'Natalie']);
    expect(await byQuery('al')).toEqual(['Alice', 'alina', 'Natalie']);
    expect(await byQuery('éMI')).toEqual(['Émile']);
    expect(await byQuery('ob')).toEqual(['Bob']);
    expect(await byQuery('nobody')).toEqual([]);
    expect(await byQuery('')).toHaveLength(6);
  });

  it('pages with after and limit: no page over the limit, every user once, in order', async () => {
    const { items, sizes } = await allPages<User>(viewer.socket, 'users:list', { limit: 4 });
    expect(Math.max(...sizes)).toBe(4);
    if (world.helperIds.size === 0) expect(sizes).toEqual([4, 2]);
    expect(listed(items)).toEqual(['Alice', 'alina', 'Bob', 'Natalie', 'zed', 'Émile']);
    const queried = await allPages<User>(viewer.socket, 'users:list', { query: 'a', limit: 1 });
    expect(listed(queried.items)).toEqual(['Alice', 'alina', 'Natalie']);
    expect(Math.max(...queried.sizes)).toBe(1);
  });

  it('stays exact while users register between pages: nobody twice, later keys included', async () => {
    const { items } = await allPages<User>(viewer.socket, 'users:list', { limit: 2 }, async (page) => {
      if (page === 1) {
        await register(world.url, 'Aaron'); // before the cursor: not on a later page
        await register(world.url, 'Yves'); // after it
      }
    });
    expect(listed(items)).toEqual(['Alice', 'alina', 'Bob', 'Natalie', 'Yves', 'zed', 'Émile']);
    expect(names((await ok(viewer.socket, 'users:list')).users)).toContain('Aaron');
  });

  it('answers bad_request to a limit outside 1–500, a bad query or cursor, and a payload that is no object', async () => {
    for (const limit of [0, 501, 1.5, -1, '10', null])
      await fails(viewer.socket, 'users:list', { limit }, 'bad_request');
    await fails(viewer.socket, 'users:list', { query: 'x'.repeat(33) }, 'bad_request');
    await fails(viewer.socket, 'users:list', { query: 5 }, 'bad_request');
    await fails(viewer.socket, 'users:list', { query: '\uD800' }, 'bad_request');
    for (const after of ['', 5, 'x'.repeat(1025), 'a\u0000b']) {
      await fails(viewer.socket, 'users:list', { after }, 'bad_request');
    }
    await fails(viewer.socket, 'users:list', 'everyone', 'bad_request');
    await fails(viewer.socket, 'users:list', [1], 'bad_request');
    expect(listed((await ok(viewer.socket, 'users:list', { limit: 500 })).users)).toHaveLength(6);
    expect(listed((await ok(viewer.socket, 'users:list', null)).users)).toHaveLength(6);
  });
});

describe('chats:list pages', () => {
  let world: World;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock();
    world = await World.start({ now: clock.now });
  });
  afterEach(() => world.close());

  it('pages by record in a stable order: each record once however it changes, new ones on a later page', async () => {
    const alice = await world.person('alice');
    const peers: Person[] = [];
    for (let i = 0; i < 5; i++) peers.push(await world.person(`peer${i}`));
    for (const peer of peers) {
      await send(alice.socket, peer.id, `to ${peer.name}`);
      clock.advance(5);
    }
    const late = await world.person('late');
    const { items, sizes } = await allPages<Chat>(alice.socket, 'chats:list', { limit: 2 }, async (page) => {
      if (page !== 1) return;
      // A listed record becomes the most recent, an unlisted one too, and a record is created.
      await send(peers[0]!.socket, alice.id, 'back to the top');
      clock.advance(5);
      await send(peers[3]!.socket, alice.id, 'me too');
      clock.advance(5);
      await send(late.socket, alice.id, 'new record');
    });
    expect(sizes).toEqual([2, 2, 2]);
    expect(items.map((chat) => chat.who)).toEqual(expect.arrayContaining([...peers.map((peer) => peer.id), late.id]));
    expect(items).toHaveLength(6);
    // Within a page, most recent first.
    expect(items.slice(0, 2).map((chat) => chat.who)).toEqual([peers[1]!.id, peers[0]!.id]);
  });

  it('answers the first 500 without a payload and bad_request to a bad limit or cursor', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await send(alice.socket, bob.id);
    const ack = await request(alice.socket, 'chats:list');
    expect(ack.chats.map((chat: Chat) => chat.who)).toEqual([bob.id]);
    expect(ack).not.toHaveProperty('next');
    for (const limit of [0, 501, 2.5, '1']) await fails(alice.socket, 'chats:list', { limit }, 'bad_request');
    for (const after of ['', 'abc', '-1', 7, '1'.repeat(17)]) {
      await fails(alice.socket, 'chats:list', { after }, 'bad_request');
    }
    expect((await ok(alice.socket, 'chats:list', { after: '999999', limit: 1 })).chats).toEqual([]);
  });
});
