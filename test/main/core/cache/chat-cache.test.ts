// One user's cached chats on disk: one file for the list and a folder of pages per chat, so a
// new message rewrites one page of one conversation; bad files are dropped for a rebuild
// instead of breaking the app.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../protocol/contract.js';
import { openChatCache } from '../../../../main/core/cache/chat-cache.js';
import { alice, bob, cacheFolder, chat, copies, copy, files, readJson, seqs, snapshot } from './helpers.js';

const place = cacheFolder();
const at = () => files(place.dir);

describe('chat cache', () => {
  it('starts empty in a new folder, writing nothing and asking for no rebuild', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    expect(cache.chats()).toEqual([]);
    expect(await cache.messages(alice)).toEqual([]);
    expect(await cache.heldSeq(alice, 5)).toBe(0);
    expect(cache.needsRebuild).toBe(false);
    expect(fs.existsSync(place.dir)).toBe(false);
  });

  it('keeps the chat list, newest first, and the messages across a reopen', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.saveChats([chat(alice, 10, 100), chat(bob, 20, 300)]);
    await cache.addMessages(alice, 10, copies(1, 3));
    await cache.addMessages(bob, 20, [copy(1, 'hi bob')]);
    expect(cache.chats().map((c) => c.who)).toEqual([bob, alice]);

    const again = await openChatCache(place.dir, place.log.logger);
    expect(again.chats()).toEqual([chat(bob, 20, 300), chat(alice, 10, 100)]);
    expect(await again.messages(alice)).toEqual(copies(1, 3));
    expect((await again.messages(bob)).map((m) => m.content)).toEqual(['hi bob']);
    expect(await again.heldSeq(alice, 10)).toBe(3);
    expect(again.needsRebuild).toBe(false);
    expect(readJson(at().list).version).toBe(1);
    expect(readJson(at().index(alice))).toEqual({ version: 2, chatId: 10, pages: [0] });
  });

  it('writes one page per message added, leaving the list, the index and the other chats untouched', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.saveChats([chat(alice, 10, 100), chat(bob, 20, 200)]);
    await cache.addMessages(alice, 10, copies(1, 2));
    await cache.addMessages(bob, 20, copies(1, 2));
    const list = snapshot(at().list);
    const bobPage = snapshot(at().page(bob, 0));
    const aliceIndex = snapshot(at().index(alice));
    const alicePage = snapshot(at().page(alice, 0));

    await cache.addMessages(alice, 10, [copy(3)]);

    expect(snapshot(at().list)).toEqual(list);
    expect(snapshot(at().page(bob, 0))).toEqual(bobPage);
    expect(snapshot(at().index(alice))).toEqual(aliceIndex);
    expect(fs.statSync(at().page(alice, 0)).ino).not.toBe(alicePage.ino);
    expect(seqs(readJson(at().page(alice, 0)).messages)).toEqual([1, 2, 3]);
  });

  it('keeps each seq once, in order, whatever order and repeats the copies come in', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 3));
    await cache.addMessages(alice, 10, [copy(2, 'a repeat'), copy(3), copy(4)]);
    await cache.addMessages(alice, 10, [copy(7), copy(5), copy(7, 'same batch repeat'), copy(6)]);
    await cache.addMessages(alice, 10, []);

    const held = await cache.messages(alice);
    expect(seqs(held)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(held[1]!.content).toBe('message 2');
    expect(held[6]!.content).toBe('message 7');
    expect(seqs(await (await openChatCache(place.dir, place.log.logger)).messages(alice))).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('puts an older page in front of the newest one', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(51, 100));
    await cache.addMessages(alice, 10, copies(1, 50));
    expect(seqs(await cache.messages(alice))).toEqual(seqs(copies(1, 100)));
    expect(await cache.heldSeq(alice, 10)).toBe(100);
  });

  it('does not rewrite a file when every copy is already held', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 3));
    const page = snapshot(at().page(alice, 0));
    const index = snapshot(at().index(alice));
    await cache.addMessages(alice, 10, copies(2, 3));
    expect(snapshot(at().page(alice, 0))).toEqual(page);
    expect(snapshot(at().index(alice))).toEqual(index);
  });

  it('drops what a recreated record held once copies of the new record arrive', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 5));
    await cache.addMessages(alice, 11, [copy(1, 'second life')]);

    expect((await cache.messages(alice)).map((m) => m.content)).toEqual(['second life']);
    expect(await cache.heldSeq(alice, 10)).toBe(0);
    expect(await cache.heldSeq(alice, 11)).toBe(1);
    const again = await openChatCache(place.dir, place.log.logger);
    expect((await again.messages(alice)).map((m) => m.content)).toEqual(['second life']);
    expect(await again.heldSeq(alice, 11)).toBe(1);
  });

  it('says how far each record is held', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    expect(await cache.heldSeq(alice, 10)).toBe(0);
    await cache.addMessages(alice, 10, [copy(4), copy(9), copy(2)]);
    expect(await cache.heldSeq(alice, 10)).toBe(9);
    expect(await cache.heldSeq(alice, 99)).toBe(0);
    expect(await cache.heldSeq(bob, 10)).toBe(0);
  });

  it("drops a chat's files, whether or not they were read since opening", async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 3));
    await cache.addMessages(bob, 20, copies(1, 3));
    await cache.dropChat(alice);
    expect(fs.existsSync(at().folder(alice))).toBe(false);
    expect(await cache.messages(alice)).toEqual([]);

    const again = await openChatCache(place.dir, place.log.logger);
    await again.dropChat(bob);
    expect(fs.existsSync(at().folder(bob))).toBe(false);
    expect(await again.heldSeq(bob, 20)).toBe(0);
    await again.addMessages(bob, 21, [copy(1)]);
    expect(readJson(at().index(bob))).toEqual({ version: 2, chatId: 21, pages: [0] });
    expect(readJson(at().page(bob, 0))).toEqual({ version: 2, messages: [copy(1)] });
    await again.dropChat(7); // never cached: no error
  });

  it('applies a drop and an add asked for together in the order asked', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 3));
    await Promise.all([cache.dropChat(alice), cache.addMessages(alice, 11, [copy(1, 'new')])]);
    expect((await cache.messages(alice)).map((m) => m.content)).toEqual(['new']);
    expect(readJson(at().page(alice, 0)).messages.map((m: Message) => m.content)).toEqual(['new']);
    expect(readJson(at().index(alice)).chatId).toBe(11);
  });

  it('loses no copy when many arrive at once for several chats', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await Promise.all(Array.from({ length: 60 }, (_, i) => cache.addMessages(i % 2 ? alice : bob, 10, [copy(60 - i)])));
    const odd = Array.from({ length: 30 }, (_, i) => 2 * i + 1);
    const even = odd.map((n) => n + 1);
    expect(seqs(await cache.messages(alice))).toEqual(odd);
    expect(seqs(await cache.messages(bob))).toEqual(even);
    const again = await openChatCache(place.dir, place.log.logger);
    expect(seqs(await again.messages(alice))).toEqual(odd);
    expect(seqs(await again.messages(bob))).toEqual(even);
  });

  it('reads a long chat once and appends from memory', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 9_999));
    await cache.messages(alice);
    // Changed behind the cache's back: an append that re-read the page would lose its copies.
    fs.writeFileSync(at().page(alice, 19), JSON.stringify({ version: 2, messages: [] }));
    await cache.addMessages(alice, 10, [copy(10_000)]);
    expect(readJson(at().page(alice, 19)).messages).toHaveLength(500);
    expect(await cache.heldSeq(alice, 10)).toBe(10_000);
  });

  it('rejects a peer id that is not a user id', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await expect(cache.messages(Number.NaN)).rejects.toThrow(RangeError);
    await expect(cache.addMessages(-1, 10, [copy(1)])).rejects.toThrow(RangeError);
  });

  async function withFile(file: string, write: (valid: string) => string | Buffer): Promise<void> {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.saveChats([chat(alice, 10, 100)]);
    await cache.addMessages(alice, 10, copies(1, 20));
    fs.writeFileSync(file, write(fs.readFileSync(file, 'utf8')));
  }
  const badFiles: [string, (valid: string) => string | Buffer][] = [
    ['an empty file', () => ''],
    ['a file cut in half', (valid) => valid.slice(0, Math.floor(valid.length / 2))],
    ['garbage bytes', () => Buffer.from([0x00, 0x9c, 0xff, 0x22, 0x7b, 0x00])],
    [
      'valid JSON of the wrong shape',
      (valid) =>
        JSON.stringify({ version: JSON.parse(valid).version, chats: 'none', chatId: 'x', pages: {}, messages: {} }),
    ],
    ['a future version', (valid) => JSON.stringify({ ...JSON.parse(valid), version: JSON.parse(valid).version + 1 })],
  ];

  for (const [what, write] of badFiles) {
    it(`discards ${what} as the chat list, then saves a good one`, async () => {
      await withFile(at().list, write);
      const cache = await openChatCache(place.dir, place.log.logger);
      expect(cache.needsRebuild).toBe(true);
      expect(place.log.at('warn')).toEqual([expect.stringMatching(/^the chat list file .*chats\.json is bad /)]);
      expect(cache.chats()).toEqual([]);
      expect(await cache.messages(alice)).toEqual(copies(1, 20));

      await cache.saveChats([chat(alice, 10, 500)]);
      const again = await openChatCache(place.dir, place.log.logger);
      expect(again.needsRebuild).toBe(false);
      expect(again.chats()).toEqual([chat(alice, 10, 500)]);
    });

    for (const [which, file] of [
      ['index', () => at().index(alice)],
      ['page', () => at().page(alice, 0)],
    ] as const) {
      it(`discards ${what} as a chat's ${which}, then writes a good one`, async () => {
        await withFile(file(), write);
        const cache = await openChatCache(place.dir, place.log.logger);
        expect(cache.chats()).toEqual([chat(alice, 10, 100)]);
        expect(cache.needsRebuild).toBe(false); // not read yet
        expect(await cache.messages(alice)).toEqual([]);
        expect(cache.needsRebuild).toBe(true);
        expect(await cache.heldSeq(alice, 10)).toBe(0);
        expect(fs.existsSync(`${file()}.corrupt`)).toBe(true);
        expect(place.log.at('warn')).toEqual([expect.stringContaining(`the chat ${which} file ${file()} is bad (`)]);

        await cache.addMessages(alice, 10, copies(1, 20));
        const again = await openChatCache(place.dir, place.log.logger);
        expect(await again.messages(alice)).toEqual(copies(1, 20));
        expect(again.needsRebuild).toBe(false);
      });
    }
  }

  it('discards a page whose copies are out of order, repeated or of another page', async () => {
    for (const order of [
      [1, 3, 2],
      [1, 2, 2],
      [1, 501],
    ]) {
      fs.rmSync(place.dir, { recursive: true, force: true });
      await withFile(at().page(alice, 0), () => JSON.stringify({ version: 2, messages: order.map((n) => copy(n)) }));
      const cache = await openChatCache(place.dir, place.log.logger);
      expect(await cache.heldSeq(alice, 10)).toBe(0);
      expect(cache.needsRebuild).toBe(true);
    }
  });

  it('discards an index whose pages are out of order', async () => {
    await withFile(at().index(alice), () => JSON.stringify({ version: 2, chatId: 10, pages: [1, 0] }));
    const cache = await openChatCache(place.dir, place.log.logger);
    expect(await cache.heldSeq(alice, 10)).toBe(0);
    expect(cache.needsRebuild).toBe(true);
  });

  it('treats missing files as nothing cached, not as damage', async () => {
    await withFile(at().list, (valid) => valid);
    fs.rmSync(at().list);
    fs.rmSync(at().folder(alice), { recursive: true });
    const cache = await openChatCache(place.dir, place.log.logger);
    expect(cache.chats()).toEqual([]);
    expect(await cache.messages(alice)).toEqual([]);
    expect(cache.needsRebuild).toBe(false);
  });
});
