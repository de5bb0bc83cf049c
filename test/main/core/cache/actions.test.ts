// Action copies (recall, edit, hide) in the cache: the message they are about is rewritten in
// its page on disk, so a recalled or deleted text is no longer anywhere in the chat's files, and
// the action itself is kept but never shown.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Attachment, Message } from '../../../../protocol/contract.js';
import { openChatCache } from '../../../../main/core/cache/chat-cache.js';
import { isShown } from '../../../../main/core/cache/actions.js';
import { alice, cacheFolder, copy, files } from './helpers.js';

const place = cacheFolder();
const at = () => files(place.dir);

const photo: Attachment = { id: 'f1', name: 'secret.png', size: 3, mime: 'image/png', sha256: 'a'.repeat(64) };

function action(seq: number, kind: 'recall' | 'edit' | 'hide', target: Message, text?: string): Message {
  return {
    ...copy(seq, `Alice ${kind === 'edit' ? 'edited' : kind === 'recall' ? 'recalled' : 'deleted'} a message`),
    kind,
    target: target.id,
    ...(text === undefined ? {} : { text }),
  };
}

/** Every file of the chat, as text: what a person reading the disk would find. */
function onDisk(): string {
  const folder = at().folder(alice);
  return fs
    .readdirSync(folder)
    .map((name) => fs.readFileSync(`${folder}/${name}`, 'utf8'))
    .join('\n');
}

describe('action copies in the cache', () => {
  it('a recall erases the text, the caption and the files of the message from disk and answers it', async () => {
    const erased: Attachment[][] = [];
    const cache = await openChatCache(place.dir, place.log.logger, (a) => erased.push(a));
    const secret = copy(1, 'the launch code is 1234');
    const picture = { ...copy(2, '[secret.png]'), attachments: [photo], caption: 'look at this' };
    await cache.addMessages(alice, 10, [secret, picture]);

    const changed = await cache.addMessages(alice, 10, [action(3, 'recall', secret), action(4, 'recall', picture)]);

    expect(changed).toEqual([
      { ...secret, content: '', recalled: true },
      { ...copy(2, ''), recalled: true },
    ]);
    expect(erased).toEqual([[photo]]);
    const text = onDisk();
    expect(text).not.toContain('launch code');
    expect(text).not.toContain('look at this');
    expect(text).not.toContain('secret.png');
    const held = await (await openChatCache(place.dir, place.log.logger)).messages(alice);
    expect(held.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(held.filter(isShown).map((m) => m.recalled)).toEqual([true, true]);
  });

  it('an edit changes the text and marks when; a recalled message cannot be edited back', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    const typo = copy(1, 'helo');
    await cache.addMessages(alice, 10, [typo, copy(2)]);
    const edit = action(3, 'edit', typo, 'hello');
    expect(await cache.addMessages(alice, 10, [edit])).toEqual([{ ...typo, content: 'hello', editedAt: edit.date }]);
    // The same action again (catch-up after the live event) changes nothing.
    expect(await cache.addMessages(alice, 10, [edit])).toEqual([]);

    await cache.addMessages(alice, 10, [action(4, 'recall', typo), action(5, 'edit', typo, 'back again')]);
    expect((await cache.messages(alice))[0]).toMatchObject({ content: '', recalled: true });
    expect(onDisk()).not.toContain('hello"');
  });

  it('a hide removes the message from view and its text from disk, keeping its seq', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    const rude = copy(1, 'something rude');
    await cache.addMessages(alice, 10, [rude, copy(2)]);
    await cache.addMessages(alice, 10, [action(3, 'hide', rude)]);
    const held = await cache.messages(alice);
    expect(held.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(held.filter(isShown).map((m) => m.seq)).toEqual([2]);
    expect(onDisk()).not.toContain('rude');
  });

  it('a reply keeps no words of the message it quotes once that is recalled', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    const original = copy(1, 'quoted words');
    const reply = {
      ...copy(2, 'yes!'),
      replyTo: { id: original.id, user: alice, name: 'Alice', excerpt: 'quoted words' },
    };
    await cache.addMessages(alice, 10, [original, reply]);
    const changed = await cache.addMessages(alice, 10, [action(3, 'recall', original)]);
    expect(changed.map((m) => m.seq)).toEqual([1, 2]);
    expect(changed[1]!.replyTo).toEqual({ id: original.id, user: alice, name: 'Alice', excerpt: '' });
    expect(onDisk()).not.toContain('quoted words');
  });

  it('applies an action arriving in the same batch as its message (a catch-up page)', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    const typo = copy(1, 'teh');
    await cache.addMessages(alice, 10, [typo, action(2, 'edit', typo, 'the')]);
    expect((await cache.messages(alice))[0]).toMatchObject({ content: 'the', editedAt: copy(2).date });
  });
});
