// A send reaches the renderer once per state change: send() answers `sending` and emits
// nothing, then exactly one `messages` event says `sent` (or `failed`), whichever of the
// server's message:new, the ack or catch-up comes first. Counted against a real server.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profilePaths } from '../../../../main/core/profile.js';
import type { ChatMessage } from '../../../../main/ipc/contract.js';
import { connect, request } from '../../../support/clients.js';
import { useServerAndCores, type TestCore } from '../../../support/cores.js';
import { startTestServer } from '../../../support/server.js';

describe('announcing a send', () => {
  const world = useServerAndCores();
  const { open, close } = world;
  const signedUp = () => world.signedUp('announce');

  /** The states announced for one clientId, in order. */
  const announced = (core: TestCore, clientId: string) =>
    core.events
      .filter((e) => e.event === 'messages')
      .flatMap((e) => (e.payload.messages as ChatMessage[]).filter((m) => m.clientId === clientId))
      .map((m) => m.state);

  const announcedAs = (core: TestCore, clientId: string, state: ChatMessage['state']) =>
    core.waitFor(
      (e) =>
        e.event === 'messages' &&
        (e.payload.messages as ChatMessage[]).some((m) => m.clientId === clientId && m.state === state),
    );

  /**
   * Sends a marker and waits until it is announced sent. The outbox sends one message at a time
   * and only after the previous ack was handled, so by then everything queued before it is settled.
   */
  async function settled(core: TestCore, to: number): Promise<void> {
    const marker: ChatMessage = await core.call('send', { to, content: 'marker' });
    await announcedAs(core, marker.clientId, 'sent');
  }

  it('announces a plain send online once, as sent', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    const sent: ChatMessage = await alice.core.call('send', { to: bob.id, content: 'hello' });
    expect(sent).toMatchObject({ state: 'sending', id: null, content: 'hello' });
    await settled(alice.core, bob.id);
    expect(announced(alice.core, sent.clientId)).toEqual(['sent']);
  });

  it('announces a send written offline once, after the reconnect delivers it', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    const { port, dataDir } = world.server;
    await world.server.close();
    await alice.core.waitFor((e) => e.event === 'connection' && e.payload === 'offline');
    const sent: ChatMessage = await alice.core.call('send', { to: bob.id, content: 'while down' });
    world.server = await startTestServer({ port, dataDir });
    await settled(alice.core, bob.id);
    expect(announced(alice.core, sent.clientId)).toEqual(['sent']);
  });

  it('announces a refused send once, as failed', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    // Only whitespace: the IPC passes it on, the server's content rules refuse it.
    const sent: ChatMessage = await alice.core.call('send', { to: bob.id, content: ' \n ' });
    await settled(alice.core, bob.id);
    expect(announced(alice.core, sent.clientId)).toEqual(['failed']);
    expect(
      alice.core.events.find((e) => e.event === 'messages' && e.payload.messages[0].clientId === sent.clientId),
    ).toMatchObject({ payload: { messages: [{ failure: { code: 'bad_request' } }] } });
  });

  describe('a repeat: the server stored the message before, and answers the first copy', () => {
    /** Stores a message with the core's own session, as an earlier run of the core would have. */
    async function sendRaw(core: TestCore, to: number, clientId: string): Promise<void> {
      const { token } = JSON.parse(fs.readFileSync(path.join(core.profileDir, 'session-token'), 'utf8'));
      const socket = await connect(world.server.url, token);
      const ack = await request(socket, 'message:send', { to, clientId, content: 'sent before' });
      socket.close();
      expect(ack.ok).toBe(true);
    }

    /** Puts the message back into a closed core's outbox, as if the run had died before the ack. */
    function requeue(core: TestCore, me: number, to: number, clientId: string): void {
      const file = path.join(profilePaths(core.profileDir).userDir(world.server.url, me), 'outbox.json');
      const outbox = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { version: 1, items: [] };
      outbox.items.push({ clientId, to, content: 'sent before', createdAt: Date.now(), state: 'sending' });
      fs.writeFileSync(file, JSON.stringify(outbox));
    }

    it('announces it once when the cache already held the copy (only the ack tells)', async () => {
      const alice = await signedUp();
      const bob = await signedUp();
      await sendRaw(alice.core, bob.id, 'repeat-held');
      // The running core gets its message:new, so its cache holds the copy.
      await announcedAs(alice.core, 'repeat-held', 'sent');
      await close(alice.core);
      requeue(alice.core, alice.id, bob.id, 'repeat-held');
      const again = await open(alice.core.profileDir);
      await settled(again, bob.id);
      expect(announced(again, 'repeat-held')).toEqual(['sent']);
    });

    it('announces it once when catch-up fetches the copy before the outbox would send it again', async () => {
      const alice = await signedUp();
      const bob = await signedUp();
      await close(alice.core);
      await sendRaw(alice.core, bob.id, 'repeat-fetched');
      requeue(alice.core, alice.id, bob.id, 'repeat-fetched');
      const again = await open(alice.core.profileDir);
      await settled(again, bob.id);
      expect(announced(again, 'repeat-fetched')).toEqual(['sent']);
    });
  });
});
