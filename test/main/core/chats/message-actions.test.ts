// Acting on messages through the core against a real server: recall, edit, delete for me,
// reply, forward. What the peer's core shows, and what is left on each computer's disk.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../main/ipc/contract.js';
import { startTestServer } from '../../../support/server.js';
import { useServerAndCores, type TestCore } from '../../../support/cores.js';
import { pngBytes, sha256, stage } from '../../../support/staged-files.js';

/** Every file under the profile's folder of chats, as text: what someone reading the disk would find. */
function diskText(core: TestCore): string {
  const dir = path.join(core.profileDir, 'users');
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

/** The first `messages` event for `who` holding a message that `match` accepts; that message. */
async function told(core: TestCore, match: (m: ChatMessage) => boolean): Promise<ChatMessage> {
  const event = await core.waitFor((e) => e.event === 'messages' && (e.payload.messages as ChatMessage[]).some(match));
  return (event.payload.messages as ChatMessage[]).find(match)!;
}

const sentWith = (content: string) => (m: ChatMessage) => m.content === content && m.state === 'sent';

async function history(core: TestCore, who: number): Promise<ChatMessage[]> {
  return (await core.call('loadHistory', { who })).messages as ChatMessage[];
}

describe('acting on messages', () => {
  const world = useServerAndCores();

  it('a recall reaches the peer, and the text is gone from both computers’ caches', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    await alice.core.call('send', { to: bob.id, content: 'the launch code is 1234' });
    const original = await told(bob.core, sentWith('the launch code is 1234'));
    await told(alice.core, sentWith('the launch code is 1234'));

    await alice.core.call('recall', { who: bob.id, id: original.id });

    const seenByBob = await told(bob.core, (m) => m.clientId === original.clientId && m.recalled === true);
    expect(seenByBob).toMatchObject({ id: original.id, content: '', recalled: true });
    await told(alice.core, (m) => m.clientId === original.clientId && m.recalled === true);
    for (const core of [alice.core, bob.core]) {
      const shown = await history(core, core === bob.core ? alice.id : bob.id);
      expect(shown.map((m) => [m.content, m.recalled])).toEqual([['', true]]);
      await core.close();
      expect(diskText(core)).not.toContain('launch code');
    }
  });

  it('a recalled picture is no longer served from the peer’s file cache', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    const image = pngBytes(20, 20);
    const staged = await stage(alice.core, 'secret.png', image);
    await alice.core.call('send', { to: bob.id, content: '', attachments: [{ stagedId: staged.stagedId }] });
    const arrived = await told(bob.core, (m) => m.attachments?.length === 1 && m.state === 'sent');
    const { id, sha256: hash, name, size, mime } = arrived.attachments![0]!;
    await bob.core.call('fileUrl', { id: id!, sha256: hash, name, size, mime });
    const served = `/files/${sha256(image)}`;
    expect(await bob.core.bridge.servedFile(served)).not.toBeNull();

    await alice.core.call('recall', { who: bob.id, id: arrived.id });
    const recalled = await told(bob.core, (m) => m.clientId === arrived.clientId && m.recalled === true);
    expect(recalled.attachments).toBeUndefined();
    expect(await bob.core.bridge.servedFile(served)).toBeNull();
    await bob.core.close();
    expect(diskText(bob.core)).not.toContain('secret.png');
  });

  it('an edit reaches the peer with its time; the action itself is never shown', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    await alice.core.call('send', { to: bob.id, content: 'see you at 8' });
    const original = await told(bob.core, sentWith('see you at 8'));
    await alice.core.call('editMessage', { who: bob.id, id: original.id, content: 'see you at 9' });
    const edited = await told(bob.core, (m) => m.clientId === original.clientId && m.content === 'see you at 9');
    expect(edited.editedAt).toEqual(expect.any(Number));
    expect((await history(bob.core, alice.id)).map((m) => m.content)).toEqual(['see you at 9']);
    expect((await history(alice.core, bob.id)).map((m) => m.content)).toEqual(['see you at 9']);
    // Someone else's message cannot be edited: the refusal reaches the renderer.
    await expect(bob.core.call('editMessage', { who: alice.id, id: original.id, content: 'no' })).rejects.toMatchObject(
      {
        code: 'forbidden',
      },
    );
  });

  it('a hide removes the message from this user’s view and disk only', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    await alice.core.call('send', { to: bob.id, content: 'something rude' });
    await alice.core.call('send', { to: bob.id, content: 'sorry' });
    const rude = await told(bob.core, sentWith('something rude'));
    await told(bob.core, sentWith('sorry'));

    await bob.core.call('hideMessage', { who: alice.id, id: rude.id });
    await told(bob.core, (m) => m.clientId === rude.clientId && m.hidden === true);
    expect((await history(bob.core, alice.id)).map((m) => m.content)).toEqual(['sorry']);
    expect((await history(alice.core, bob.id)).map((m) => m.content)).toEqual(['something rude', 'sorry']);
    const reopened = await world.reopen(bob.core);
    await reopened.waitFor((e) => e.event === 'connection' && e.payload === 'online');
    expect((await history(reopened, alice.id)).map((m) => m.content)).toEqual(['sorry']);
    await world.close(reopened);
    expect(diskText(reopened)).not.toContain('rude');
  });

  it('a reply written offline keeps its quote across a restart and reaches the peer with it', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    await bob.core.call('send', { to: alice.id, content: 'lunch on Friday?' });
    const question = await told(alice.core, sentWith('lunch on Friday?'));
    const { port, dataDir } = world.server;
    await world.server.close();
    await alice.core.waitFor((e) => e.event === 'connection' && e.payload === 'offline');
    const unsent = await alice.core.call<ChatMessage>('send', { to: bob.id, content: 'yes!', replyTo: question.id });
    const quote = { id: question.id, user: bob.id, name: bob.name, excerpt: 'lunch on Friday?' };
    expect(unsent.replyTo).toEqual(quote);

    const again = await world.reopen(alice.core);
    expect((await history(again, bob.id)).find((m) => m.clientId === unsent.clientId)?.replyTo).toEqual(quote);
    world.server = await startTestServer({ port, dataDir });
    expect((await told(again, (m) => m.clientId === unsent.clientId && m.state === 'sent')).replyTo).toEqual(quote);
    expect((await told(bob.core, (m) => m.clientId === unsent.clientId)).replyTo).toEqual(quote);
  });

  it('forwards a message to another chat, marked forwarded', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    const carol = await world.signedUp('carol');
    await bob.core.call('send', { to: alice.id, content: 'party at 7' });
    const invite = await told(alice.core, sentWith('party at 7'));
    await alice.core.call('forward', { from: bob.id, id: invite.id, to: carol.id });
    const forwarded = await told(carol.core, sentWith('party at 7'));
    expect(forwarded).toMatchObject({ user: alice.id, forwarded: true });
    await told(alice.core, (m) => m.content === 'party at 7' && m.forwarded === true);
  });
});
