// Avatars and what the wire carries through the core: a staged image becomes the user's avatar,
// peers see its id in the directory and load it into their cache; attachments and captions
// survive the chat cache across a restart; Open hands the shell a copy under the file's name.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Account, ChatMessage, Snapshot, User } from '../../../../main/ipc/contract.js';
import { eventually, useServerAndCores, type Recorded } from '../../../support/cores.js';
import { pdfBytes, pngBytes, sha256, stage } from '../../../support/staged-files.js';

describe('avatars', () => {
  const world = useServerAndCores();

  it('sets an avatar from a staged image, shows it to a peer, and removes it', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    const image = pngBytes(64, 64, 2000);
    const staged = await stage(alice.core, 'me.png', image);
    await alice.core.call('setAvatar', { stagedId: staged.stagedId });
    // The staged copy was used up.
    await expect(alice.core.call('setAvatar', { stagedId: staged.stagedId })).rejects.toMatchObject({
      code: 'not_found',
    });

    const seen = (await bob.core.call<User[]>('listUsers')).find((u) => u.id === alice.id)!;
    expect(seen.avatar).toMatch(/^[A-Za-z0-9_-]+$/);
    const { url } = await bob.core.call('avatarUrl', { avatar: seen.avatar });
    expect(url).toBe(`/files/${sha256(image)}`);
    const served = await bob.core.bridge.servedFile(url);
    expect(fs.readFileSync(served!.file).equals(image)).toBe(true);

    // Alice is not in her own directory: her account carries her photo (from user:updated).
    const ownPhoto = (avatar: string | undefined) => (e: Recorded) =>
      e.event === 'account' && (e.payload as Account | null)?.user.avatar === avatar;
    await alice.core.waitFor(ownPhoto(seen.avatar));

    await alice.core.call('removeAvatar');
    expect((await bob.core.call<User[]>('listUsers')).find((u) => u.id === alice.id)!.avatar).toBeUndefined();
    await eventually(
      async () => (await alice.core.call<Snapshot>('snapshot')).account?.user.avatar === undefined,
      "the photo gone from Alice's account",
    );
    await expect(bob.core.call('avatarUrl', { avatar: 'no-such-avatar' })).rejects.toMatchObject({ code: 'not_found' });
    // Signing out with "remove this account's data" empties the file cache too.
    await bob.core.call('logout', { removeCache: true });
    expect(fs.readdirSync(path.join(bob.core.profileDir, 'files'))).toEqual(['index.json']);
    expect(await bob.core.bridge.servedFile(url)).toBeNull();
  });

  it('refuses a file that is not an image as an avatar, and changes nothing', async () => {
    const alice = await world.signedUp('alice');
    const staged = await stage(alice.core, 'doc.pdf', pdfBytes());
    await expect(alice.core.call('setAvatar', { stagedId: staged.stagedId })).rejects.toMatchObject({
      code: 'bad_request',
    });
    expect((await alice.core.call('accountInfo')).avatar).toBeUndefined();
  });

  it('keeps attachments and the caption in the chat cache across a restart, and opens a copy by its name', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    const pdf = pdfBytes();
    const staged = await stage(alice.core, 'notes.pdf', pdf);
    const unsent = await alice.core.call<ChatMessage>('send', {
      to: bob.id,
      content: 'read this',
      attachments: [{ stagedId: staged.stagedId }],
    });
    const arrived = (e: Recorded) =>
      e.event === 'messages' && (e.payload.messages as ChatMessage[]).some((m) => m.clientId === unsent.clientId);
    await bob.core.waitFor(arrived);
    await bob.core.call('loadHistory', { who: alice.id });
    const reopened = await world.reopen(bob.core);
    // What the cache held: its files on disk are parsed with the wire schemas.
    const history = await reopened.call('loadHistory', { who: alice.id });
    const copy = (history.messages as ChatMessage[]).find((m) => m.clientId === unsent.clientId)!;
    expect(copy.content).toBe('read this');
    expect(copy.attachments).toMatchObject([{ name: 'notes.pdf', mime: 'application/pdf', sha256: sha256(pdf) }]);
    // Opening needs the server (the download).
    await reopened.waitFor((e) => e.event === 'connection' && e.payload === 'online');
    const [file] = copy.attachments!;
    await expect(
      reopened.call('openFile', {
        id: file!.id,
        sha256: file!.sha256,
        name: file!.name,
        size: file!.size,
        mime: file!.mime,
      }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    // Without a shell nothing opens, but the copy under its own name was made for the opener.
    expect(fs.existsSync(path.join(reopened.profileDir, 'opened', file!.sha256, 'notes.pdf'))).toBe(true);
  });
});
