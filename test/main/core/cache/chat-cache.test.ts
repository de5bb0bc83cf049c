// One user's cached chats on disk: one file for the list and one per chat, so a new message
// rewrites one conversation; bad files are dropped for a rebuild instead of breaking the app.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chat, Message } from '../../../../server/protocol/contract.js';
import { openChatCache } from '../../../../main/core/cache/chat-cache.js';
import { tempDir } from '../../../support/server.js';

const me = 1;
const alice = 2;
const bob = 3;

function copy(seq: number, content = `message ${seq}`): Message {
  return { id: 1000 + seq, clientId: `c-${seq}`, user: alice, name: 'Alice', date: 1_700_000_000_000 + seq, content, seq };
}
function copies(from: number, to: number): Message[] {
  return Array.from({ length: to - from + 1 }, (_, i) => copy(from + i));
}
function chat(who: number, id: number, updatedAt: number): Chat {
  return { id, user: me, who, name: `peer ${who}`, unread: 0, updatedAt, lastSeq: 0, last: null };
}
const seqs = (messages: Message[]) => messages.map((m) => m.seq);

let root: string;
let dir: string;
beforeEach(() => {
  root = tempDir();
  dir = path.join(root, 'cache', '127.0.0.1_4860', String(me));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const listFile = () => path.join(dir, 'chats.json');
const chatFileOf = (who: number) => path.join(dir, 'chats', `${who}.json`);
const readJson = (file: string): any => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('chat cache', () => {
  it('starts empty in a new folder, writing nothing and asking for no rebuild', async () => {
    const cache = await openChatCache(dir);
    expect(cache.chats()).toEqual([]);
    expect(await cache.messages(alice)).toEqual([]);
    expect(await cache.heldSeq(alice, 5)).toBe(0);
    expect(cache.needsRebuild).toBe(false);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('keeps the chat list, newest first, and the messages across a reopen', async () => {
    const cache = await openChatCache(dir);
    await cache.saveChats([chat(alice, 10, 100), chat(bob, 20, 300)]);
    await cache.addMessages(alice, 10, copies(1, 3));
    await cache.addMessages(bob, 20, [copy(1, 'hi bob')]);
    expect(cache.chats().map((c) => c.who)).toEqual([bob, alice]);

    const again = await openChatCache(dir);
    expect(again.chats()).toEqual([chat(bob, 20, 300), chat(alice, 10, 100)]);
    expect(await again.messages(alice)).toEqual(copies(1, 3));
    expect((await again.messages(bob)).map((m) => m.content)).toEqual(['hi bob']);
    expect(await again.heldSeq(alice, 10)).toBe(3);
    expect(again.needsRebuild).toBe(false);
    expect(readJson(listFile()).version).toBe(1);
    expect(readJson(chatFileOf(alice))).toMatchObject({ version: 1, chatId: 10 });
  });

  it('writes one chat file per message added, leaving the list and the other chats untouched', async () => {
    const cache = await openChatCache(dir);
    await cache.saveChats([chat(alice, 10, 100), chat(bob, 20, 200)]);
    await cache.addMessages(alice, 10, copies(1, 2));
    await cache.addMessages(bob, 20, copies(1, 2));
    // An atomic rewrite renames a new file into place, so an untouched file keeps its inode.
    const before = (file: string) => ({ ino: fs.statSync(file).ino, mtimeMs: fs.statSync(file).mtimeMs, text: fs.readFileSync(file, 'utf8') });
    const list = before(listFile());
    const bobFile = before(chatFileOf(bob));
    const aliceFile = before(chatFileOf(alice));

    await cache.addMessages(alice, 10, [copy(3)]);

    expect(before(listFile())).toEqual(list);
    expect(before(chatFileOf(bob))).toEqual(bobFile);
    expect(fs.statSync(chatFileOf(alice)).ino).not.toBe(aliceFile.ino);
    expect(seqs(readJson(chatFileOf(alice)).messages)).toEqual([1, 2, 3]);
  });

  it('keeps each seq once, in order, whatever order and repeats the copies come in', async () => {
    const cache = await openChatCache(dir);
    await cache.addMessages(alice, 10, copies(1, 3));
    await cache.addMessages(alice, 10, [copy(2, 'a repeat'), copy(3), copy(4)]);
    await cache.addMessages(alice, 10, [copy(7), copy(5), copy(7, 'same batch repeat'), copy(6)]);
    await cache.addMessages(alice, 10, []);

    const held = await cache.messages(alice);
    expect(seqs(held)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(held[1]!.content).toBe('message 2');
    expect(held[6]!.content).toBe('message 7');
    expect(seqs(await (await openChatCache(dir)).messages(alice))).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('puts an older page in front of the newest one', async () => {
    const cache = await openChatCache(dir);
    await cache.addMessages(alice, 10, copies(51, 100));
    await cache.addMessages(alice, 10, copies(1, 50));
    expect(seqs(await cache.messages(alice))).toEqual(seqs(copies(1, 100)));
    expect(await cache.heldSeq(alice, 10)).toBe(100);
  });

  it('does not rewrite the file when every copy is already held', async () => {
    const cache = await openChatCache(dir);
    await cache.addMessages(alice, 10, copies(1, 3));
    const ino = fs.statSync(chatFileOf(alice)).ino;
    await cache.addMessages(alice, 10, copies(2, 3));
    expect(fs.statSync(chatFileOf(alice)).ino).toBe(ino);
  });

  it('drops what a recreated record held once copies of the new record arrive', async () => {
    const cache = await openChatCache(dir);
    await cache.addMessages(alice, 10, copies(1, 5));
    await cache.addMessages(alice, 11, [copy(1, 'second life')]);

    expect((await cache.messages(alice)).map((m) => m.content)).toEqual(['second life']);
    expect(await cache.heldSeq(alice, 10)).toBe(0);
    expect(await cache.heldSeq(alice, 11)).toBe(1);
    const again = await openChatCache(dir);
    expect((await again.messages(alice)).map((m) => m.content)).toEqual(['second life']);
    expect(await again.heldSeq(alice, 11)).toBe(1);
  });

  it('says how far each record is held', async () => {
    const cache = await openChatCache(dir);
    expect(await cache.heldSeq(alice, 10)).toBe(0);
    await cache.addMessages(alice, 10, [copy(4), copy(9), copy(2)]);
    expect(await cache.heldSeq(alice, 10)).toBe(9);
    expect(await cache.heldSeq(alice, 99)).toBe(0);
    expect(await cache.heldSeq(bob, 10)).toBe(0);
  });

  it('drops a chat file, whether or not it was read since opening', async () => {
    const cache = await openChatCache(dir);
    await cache.addMessages(alice, 10, copies(1, 3));
    await cache.addMessages(bob, 20, copies(1, 3));
    await cache.dropChat(alice);
    expect(fs.existsSync(chatFileOf(alice))).toBe(false);
    expect(await cache.messages(alice)).toEqual([]);

    const again = await openChatCache(dir);
    await again.dropChat(bob);
    expect(fs.existsSync(chatFileOf(bob))).toBe(false);
    expect(await again.heldSeq(bob, 20)).toBe(0);
    await again.addMessages(bob, 21, [copy(1)]);
    expect(readJson(chatFileOf(bob))).toMatchObject({ chatId: 21, messages: [copy(1)] });
    await again.dropChat(7); // never cached: no error
  });

  it('applies a drop and an add asked for together in the order asked', async () => {
    const cache = await openChatCache(dir);
    await cache.addMessages(alice, 10, copies(1, 3));
    await Promise.all([cache.dropChat(alice), cache.addMessages(alice, 11, [copy(1, 'new')])]);
    expect((await cache.messages(alice)).map((m) => m.content)).toEqual(['new']);
    expect(readJson(chatFileOf(alice)).messages.map((m: Message) => m.content)).toEqual(['new']);
  });

  it('loses no copy when many arrive at once for several chats', async () => {
    const cache = await openChatCache(dir);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => cache.addMessages(i % 2 ? alice : bob, 10, [copy(60 - i)])),
    );
    const odd = Array.from({ length: 30 }, (_, i) => 2 * i + 1);
    const even = odd.map((n) => n + 1);
    expect(seqs(await cache.messages(alice))).toEqual(odd);
    expect(seqs(await cache.messages(bob))).toEqual(even);
    const again = await openChatCache(dir);
    expect(seqs(await again.messages(alice))).toEqual(odd);
    expect(seqs(await again.messages(bob))).toEqual(even);
  });

  it('reads a long chat once and appends from memory', async () => {
    const cache = await openChatCache(dir);
    await cache.addMessages(alice, 10, copies(1, 10_000));
    await cache.messages(alice);
    // Changed behind the cache's back: an append that re-read the file would lose the history.
    fs.writeFileSync(chatFileOf(alice), JSON.stringify({ version: 1, chatId: 10, messages: [] }));
    await cache.addMessages(alice, 10, [copy(10_001)]);
    expect(readJson(chatFileOf(alice)).messages).toHaveLength(10_001);
    expect(await cache.heldSeq(alice, 10)).toBe(10_001);
  });

  it('rejects a peer id that is not a user id', async () => {
    const cache = await openChatCache(dir);
    await expect(cache.messages(Number.NaN)).rejects.toThrow(RangeError);
    await expect(cache.addMessages(-1, 10, [copy(1)])).rejects.toThrow(RangeError);
  });

  async function withFile(file: string, write: (valid: string) => string | Buffer): Promise<void> {
    const cache = await openChatCache(dir);
    await cache.saveChats([chat(alice, 10, 100)]);
    await cache.addMessages(alice, 10, copies(1, 20));
    fs.writeFileSync(file, write(fs.readFileSync(file, 'utf8')));
  }
  const badFiles: [string, (valid: string) => string | Buffer][] = [
    ['an empty file', () => ''],
    ['a file cut in half', (valid) => valid.slice(0, Math.floor(valid.length / 2))],
    ['garbage bytes', () => Buffer.from([0x00, 0x9c, 0xff, 0x22, 0x7b, 0x00])],
    ['valid JSON of the wrong shape', () => JSON.stringify({ version: 1, chats: 'none', chatId: 'x', messages: {} })],
    ['a future version', (valid) => JSON.stringify({ ...JSON.parse(valid), version: 2 })],
  ];

  for (const [what, write] of badFiles) {
    it(`discards ${what} as the chat list, then saves a good one`, async () => {
      await withFile(listFile(), write);
      const cache = await openChatCache(dir);
      expect(cache.needsRebuild).toBe(true);
      expect(cache.chats()).toEqual([]);
      expect(await cache.messages(alice)).toEqual(copies(1, 20));

      await cache.saveChats([chat(alice, 10, 500)]);
      const again = await openChatCache(dir);
      expect(again.needsRebuild).toBe(false);
      expect(again.chats()).toEqual([chat(alice, 10, 500)]);
    });

    it(`discards ${what} as a chat file, then writes a good one`, async () => {
      await withFile(chatFileOf(alice), write);
      const cache = await openChatCache(dir);
      expect(cache.chats()).toEqual([chat(alice, 10, 100)]);
      expect(cache.needsRebuild).toBe(false); // not read yet
      expect(await cache.messages(alice)).toEqual([]);
      expect(cache.needsRebuild).toBe(true);
      expect(await cache.heldSeq(alice, 10)).toBe(0);

      await cache.addMessages(alice, 10, copies(1, 20));
      const again = await openChatCache(dir);
      expect(await again.messages(alice)).toEqual(copies(1, 20));
      expect(again.needsRebuild).toBe(false);
    });
  }

  it('discards a chat file whose copies are out of order or repeated', async () => {
    for (const order of [[1, 3, 2], [1, 2, 2]]) {
      fs.rmSync(dir, { recursive: true, force: true });
      await withFile(chatFileOf(alice), () => JSON.stringify({ version: 1, chatId: 10, messages: order.map((n) => copy(n)) }));
      const cache = await openChatCache(dir);
      expect(await cache.heldSeq(alice, 10)).toBe(0);
      expect(cache.needsRebuild).toBe(true);
    }
  });

  it('treats missing files as nothing cached, not as damage', async () => {
    await withFile(listFile(), (valid) => valid);
    fs.rmSync(listFile());
    fs.rmSync(chatFileOf(alice));
    const cache = await openChatCache(dir);
    expect(cache.chats()).toEqual([]);
    expect(await cache.messages(alice)).toEqual([]);
    expect(cache.needsRebuild).toBe(false);
  });
});
