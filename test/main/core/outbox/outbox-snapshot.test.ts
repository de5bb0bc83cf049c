// The window learns every message still in the outbox without opening a chat: the snapshot
// holds them per chat (an offline start included), and a sign-in announces them at once.
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Snapshot } from '../../../../main/ipc/contract.js';
import { eventually, testPassword, useServerAndCores, type TestCore } from '../../../support/cores.js';
import { startTestServer } from '../../../support/server.js';

describe('the outbox in the snapshot', () => {
  const world = useServerAndCores();

  const announcedAs = (core: TestCore, clientId: string, state: ChatMessage['state']) =>
    core.waitFor(
      (e) =>
        e.event === 'messages' &&
        (e.payload.messages as ChatMessage[]).some((m) => m.clientId === clientId && m.state === state),
    );

  const outboxOf = async (core: TestCore) =>
    ((await core.call<Snapshot>('snapshot')).outbox ?? {}) as Snapshot['outbox'];

  it('holds every unsent message per chat across an offline restart, and none once they are sent', async () => {
    const alice = await world.signedUp('writer');
    const bob = await world.signedUp('bob');
    const carol = await world.signedUp('carol');
    // Refused by the server's content rules: it stays in the outbox, failed.
    const refused: ChatMessage = await alice.core.call('send', { to: carol.id, content: ' \n ' });
    await announcedAs(alice.core, refused.clientId, 'failed');

    const { port, dataDir } = world.server;
    await world.server.close();
    await alice.core.waitFor((e) => e.event === 'connection' && e.payload === 'offline');
    const first: ChatMessage = await alice.core.call('send', { to: bob.id, content: 'first' });
    const second: ChatMessage = await alice.core.call('send', { to: bob.id, content: 'second' });
    const third: ChatMessage = await alice.core.call('send', { to: carol.id, content: 'third' });

    const again = await world.reopen(alice.core);
    const unsent = (m: ChatMessage) => [m.clientId, m.content, m.state, m.seq, m.user];
    const outbox = (await outboxOf(again))!;
    expect(Object.keys(outbox).map(Number).sort()).toEqual([bob.id, carol.id].sort());
    expect(outbox[bob.id]!.map(unsent)).toEqual([
      [first.clientId, 'first', 'sending', null, alice.id],
      [second.clientId, 'second', 'sending', null, alice.id],
    ]);
    expect(outbox[carol.id]!.map(unsent)).toEqual([
      [refused.clientId, ' \n ', 'failed', null, alice.id],
      [third.clientId, 'third', 'sending', null, alice.id],
    ]);

    world.server = await startTestServer({ port, dataDir });
    await announcedAs(again, third.clientId, 'sent');
    await again.call('discard', { clientId: refused.clientId });
    await eventually(async () => Object.keys((await outboxOf(again))!).length === 0, 'an empty outbox');
  });

  it('announces the unsent messages when the user signs in again', async () => {
    const alice = await world.signedUp('writer');
    const bob = await world.signedUp('bob');
    const refused: ChatMessage = await alice.core.call('send', { to: bob.id, content: ' \n ' });
    await announcedAs(alice.core, refused.clientId, 'failed');
    await alice.core.call('logout');
    expect(await outboxOf(alice.core)).toEqual({});

    const signingIn = alice.core.events.length;
    await alice.core.call('login', { serverUrl: world.server.url, name: alice.name, password: testPassword });
    const afterSignIn = alice.core.events.slice(signingIn);
    const told = afterSignIn.find(
      (e) =>
        e.event === 'messages' && (e.payload.messages as ChatMessage[]).some((m) => m.clientId === refused.clientId),
    );
    expect(told?.payload).toMatchObject({ who: bob.id, messages: [{ clientId: refused.clientId, state: 'failed' }] });
    expect((await outboxOf(alice.core))![bob.id]).toHaveLength(1);
  });
});
