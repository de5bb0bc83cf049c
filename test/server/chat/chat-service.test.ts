// The chat rules below the socket layer, with a real SQLite store and a recording fanout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { heavyReads } from '../../../server/chat/heavy-reads.js';
import { ChatService, type Fanout } from '../../../server/chat/chat-service.js';
import { Presence } from '../../../server/chat/presence.js';
import { PresenceWatchers } from '../../../server/chat/presence-watchers.js';
import { SendLimit } from '../../../server/chat/send-limit.js';
import { Viewing } from '../../../server/chat/viewing.js';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { tempDir } from '../../support/server.js';

type Sent = { to: string; event: string; payload: any };

function recordingFanout() {
  const sent: Sent[] = [];
  const rooms = new Map<string, Set<string>>();
  const fanout: Fanout = {
    toUser: (user, event, payload) => sent.push({ to: `user:${user}`, event, payload }),
    typing: (from, to) => sent.push({ to: `viewers:${to}>${from}`, event: 'typing', payload: { from } }),
    viewingStarted: (socketId, user, peer) => rooms.set(socketId, new Set([`${user}>${peer}`])),
    viewingEnded: (socketIds) => socketIds.forEach((id) => rooms.delete(id)),
  };
  return { fanout, sent, rooms };
}

describe('ChatService', () => {
  let store: SqliteStore;
  let service: ChatService;
  let out: ReturnType<typeof recordingFanout>;
  let clock: number;
  let alice: { user: number; socketId: string };
  let bob: { user: number; socketId: string };

  beforeEach(async () => {
    store = new SqliteStore(tempDir());
    out = recordingFanout();
    clock = 1_000_000;
    service = new ChatService({
      store,
      viewing: new Viewing(),
      presence: new Presence(),
      watchers: new PresenceWatchers({ deliver: () => undefined }),
      sendLimit: new SendLimit(3),
      fanout: out.fanout,
      now: () => clock,
      heavyReads: heavyReads(),
    });
    alice = { user: (await store.createUser('Alice', 'alice', 'h', 0))!.id, socketId: 'a1' };
    bob = { user: (await store.createUser('Bob', 'bob', 'h', 0))!.id, socketId: 'b1' };
  });
  afterEach(() => store.close());

  const send = (clientId: string, from = alice, to = bob) =>
    service.send(from, { to: to.user, clientId, content: `text ${clientId}` });

  it('fans a stored message out to both owners with their own record', async () => {
    const message = await send('m1');
    expect(message).toMatchObject({ user: alice.user, name: 'Alice', seq: 1, date: clock });
    expect(out.sent.map((s) => [s.to, s.event, s.payload.chat.user, s.payload.chat.unread])).toEqual([
      [`user:${alice.user}`, 'message:new', alice.user, 0],
      [`user:${bob.user}`, 'message:new', bob.user, 1],
    ]);
  });

  it('does not count unread while the receiver views the chat, and counts again after close', async () => {
    await service.open(bob, alice.user);
    await send('seen');
    expect((await store.listChats(bob.user, 0, 500))[0]!.unread).toBe(0);
    await service.close(bob, alice.user);
    await send('unseen');
    expect((await store.listChats(bob.user, 0, 500))[0]!.unread).toBe(1);
  });

  it('ends viewing when the socket disconnects', async () => {
    await service.open(bob, alice.user);
    service.disconnected(bob.socketId);
    await send('after');
    expect((await store.listChats(bob.user, 0, 500))[0]!.unread).toBe(1);
    expect(out.rooms.size).toBe(0);
  });

  it('announces chat:updated only when open creates or clears', async () => {
    await service.open(alice, bob.user);
    await service.open(alice, bob.user);
    expect(out.sent.filter((s) => s.event === 'chat:updated')).toHaveLength(1);
    await service.close(alice, bob.user);
    await send('x', bob, alice);
    out.sent.length = 0;
    await service.read(alice, bob.user);
    await service.read(alice, bob.user);
    // Alice's own record once, and Bob's once: his message was read (6.12).
    expect(out.sent.filter((s) => s.event === 'chat:updated').map((s) => s.to)).toEqual([
      `user:${alice.user}`,
      `user:${bob.user}`,
    ]);
  });

  it('refuses past the send limit, but still answers a retry of a stored message', async () => {
    for (const id of ['1', '2', '3']) await send(id);
    await expect(send('4')).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(send('1')).resolves.toMatchObject({ clientId: '1', seq: 1 });
    clock += 10_001;
    await expect(send('4')).resolves.toMatchObject({ seq: 4 });
  });

  it('answers a repeat with the first send whatever its to and content, in the documented order', async () => {
    const first = await send('once');
    const repeats: Array<[string, unknown]> = [
      ['to oneself', { to: alice.user, clientId: 'once', content: 'other' }],
      ['to no one', { to: 4242, clientId: 'once', content: 'other' }],
      ['content too long', { to: bob.user, clientId: 'once', content: 'x'.repeat(4001) }],
      ['content only whitespace', { to: bob.user, clientId: 'once', content: '  ' }],
      ['to missing', { clientId: 'once', content: 'other' }],
      ['content a number', { to: bob.user, clientId: 'once', content: 5 }],
      ['the same payload', { to: bob.user, clientId: 'once', content: 'text once' }],
    ];
    out.sent.length = 0;
    for (const [what, payload] of repeats) await expect(service.send(alice, payload), what).resolves.toEqual(first);
    expect(out.sent).toEqual([]);
    expect((await store.history(alice.user, bob.user, { limit: 5 })).messages).toEqual([first]);
  });

  it('lets the error stand when the clientId is invalid or unknown, the first failing check deciding', async () => {
    await send('known');
    const failures: Array<[string, unknown, string]> = [
      ['no payload', undefined, 'bad_request'],
      ['clientId invalid', { to: 4242, clientId: 'has space', content: 'x' }, 'bad_request'],
      ['oversized content before a bad clientId', { to: 'bob', clientId: 7, content: 'x'.repeat(4001) }, 'too_large'],
      ['shape before the peer', { to: alice.user, clientId: 'never', content: '' }, 'bad_request'],
      ['one’s own id', { to: alice.user, clientId: 'never', content: 'x' }, 'bad_request'],
      ['an unknown id', { to: 4242, clientId: 'never', content: 'x' }, 'not_found'],
    ];
    for (const [what, payload, code] of failures) {
      await expect(service.send(alice, payload), what).rejects.toMatchObject({ code });
    }
    // A clientId is known per sender: Alice's does not answer Bob.
    await expect(service.send(bob, { to: bob.user, clientId: 'known', content: 'x' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    expect((await store.history(alice.user, bob.user, { limit: 5 })).messages).toHaveLength(1);
  });

  it('rejects one’s own id and unknown ids before touching the store', async () => {
    await expect(service.open(alice, alice.user)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(service.history(alice, { who: 4242 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.typing(alice, 4242)).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.listChats(alice.user, 0, 500)).toEqual([]);
  });

  it('deletes only the caller’s record, ends its viewing and tells its devices', async () => {
    await send('keep');
    await service.open(alice, bob.user);
    out.sent.length = 0;
    await service.delete(alice, bob.user);
    expect(out.sent).toEqual([{ to: `user:${alice.user}`, event: 'chat:deleted', payload: { who: bob.user } }]);
    expect(out.rooms.size).toBe(0);
    expect(await store.listChats(alice.user, 0, 500)).toEqual([]);
    expect((await store.history(bob.user, alice.user, { limit: 5 })).messages).toHaveLength(1);
  });
});
