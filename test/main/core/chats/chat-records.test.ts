// Pin, mute, mark unread and read receipts through the core against a real server: the order of
// the chat list, what notifies and counts, and the read-receipts setting shared by devices.
import { describe, expect, it } from 'vitest';
import type { Chat, ChatMessage, Settings } from '../../../../main/ipc/contract.js';
import type { DesktopNotification } from '../../../../main/core/bridge.js';
import { testPassword, useServerAndCores, type TestCore } from '../../../support/cores.js';

/** The first `messages` event holding `content`, sent. */
const arrived = (core: TestCore, content: string) =>
  core.waitFor(
    (e) =>
      e.event === 'messages' &&
      (e.payload.messages as ChatMessage[]).some((m) => m.content === content && m.state === 'sent'),
  );

const chatsWhere = (core: TestCore, match: (chats: Chat[]) => boolean) =>
  core.waitFor((e) => e.event === 'chats' && match(e.payload as Chat[])).then((e) => e.payload as Chat[]);

describe('chat records', () => {
  const world = useServerAndCores();

  it('lists pinned chats first, most recently pinned first, and keeps the order across a restart', async () => {
    const alice = await world.signedUp('alice');
    const [bob, carol, dave] = [
      await world.signedUp('bob'),
      await world.signedUp('carol'),
      await world.signedUp('dave'),
    ];
    for (const peer of [bob, carol, dave]) {
      await peer.core.call('send', { to: alice.id, content: `from ${peer.name}` });
      await arrived(alice.core, `from ${peer.name}`);
    }
    await alice.core.call('pinChat', { who: bob.id, pinned: true });
    await alice.core.call('pinChat', { who: carol.id, pinned: true });
    const order = [carol.id, bob.id, dave.id];
    expect(
      (await chatsWhere(alice.core, (chats) => chats.filter((c) => c.pinnedAt !== undefined).length === 2)).map(
        (c) => c.who,
      ),
    ).toEqual(order);
    const again = await world.reopen(alice.core);
    expect(((await again.call('snapshot')).chats as Chat[]).map((c) => c.who)).toEqual(order);
    await again.waitFor((e) => e.event === 'connection' && e.payload === 'online');
    await again.call('pinChat', { who: carol.id, pinned: false });
    await chatsWhere(again, (chats) => chats.map((c) => c.who).join() === [bob.id, dave.id, carol.id].join());
  });

  it('a muted chat notifies no one and counts nothing in the total; marked unread counts one', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    const carol = await world.signedUp('carol');
    const told: DesktopNotification[] = [];
    const waiting = new Map<string, () => void>();
    alice.core.bridge.onNotify((notification) => {
      told.push(notification);
      waiting.get(notification.body)?.();
    });
    const notified = (body: string) => new Promise<void>((resolve) => waiting.set(body, resolve));
    const first = notified('first');
    await bob.core.call('send', { to: alice.id, content: 'first' });
    await first;
    await alice.core.call('muteChat', { who: bob.id, muted: true });
    expect(alice.core.last('unreadTotal')).toBe(0);

    await bob.core.call('send', { to: alice.id, content: 'while muted' });
    await arrived(alice.core, 'while muted');
    const notMuted = notified('not muted');
    await carol.core.call('send', { to: alice.id, content: 'not muted' });
    // Events are handled one at a time in the order they came: carol's came after bob's.
    await notMuted;
    expect(told.map((n) => n.body)).toEqual(['first', 'not muted']);
    expect(alice.core.last('unreadTotal')).toBe(1);

    await alice.core.call('openChat', { who: carol.id });
    await alice.core.call('markUnread', { who: carol.id });
    const marked = await chatsWhere(alice.core, (chats) => chats.some((c) => c.who === carol.id && c.markedUnread));
    expect(marked.find((c) => c.who === carol.id)?.unread).toBe(1);
    expect(alice.core.last('unreadTotal')).toBe(1);
    // Muting refused for a chat the user does not have: the failure reaches the renderer.
    const dave = await world.signedUp('dave');
    await expect(alice.core.call('muteChat', { who: dave.id, muted: true })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('keeps the read-receipts setting on the server: another device takes it when it connects', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    await alice.core.call('send', { to: bob.id, content: 'read me' });
    await arrived(bob.core, 'read me');
    await bob.core.call('openChat', { who: alice.id });
    const receipt = await chatsWhere(alice.core, (chats) => chats.some((c) => c.peerReadId !== undefined));
    expect(receipt[0]?.peerReadId).toEqual(expect.any(Number));

    const settings: Settings = await alice.core.call('updateSettings', { readReceipts: false });
    expect(settings.readReceipts).toBe(false);
    const info = await alice.core.call('accountInfo');
    expect(info.readReceipts).toBe(false);

    const laptop = await world.open();
    await laptop.call('login', { serverUrl: world.server.url, name: alice.name, password: testPassword });
    await laptop.waitFor((e) => e.event === 'settings' && (e.payload as Settings).readReceipts === false);
    expect((await laptop.call('snapshot')).settings.readReceipts).toBe(false);
  });
});
