// Version 1 kept each chat in one file, `chats/<peer>.json`; a user's offline history must
// survive the move to pages. fixtures/v1-chat.json was written by version 1's ChatCache
// itself (record 7 with Alice, 11 copies across what are now pages 0, 1 and 2).
import fs from 'node:fs';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../protocol/contract.js';
import { openChatCache } from '../../../../main/core/cache/chat-cache.js';
import { alice, bob, cacheFolder, copies, copy, files, readJson, seqs } from './helpers.js';

const place = cacheFolder();
const at = () => files(place.dir);
const fixture = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'v1-chat.json'), 'utf8');
const fixtureMessages: Message[] = JSON.parse(fixture).messages;
const fixtureSeqs = [1, 2, 3, 499, 500, 501, 502, 999, 1000, 1001, 1203];

function putV1(who: number, text: string): void {
  fs.mkdirSync(path.dirname(at().v1(who)), { recursive: true });
  fs.writeFileSync(at().v1(who), text);
}

describe('version-1 chat files', () => {
  it('are converted to pages on first use, keeping every copy, and then deleted', async () => {
    putV1(alice, fixture);
    const cache = await openChatCache(place.dir, place.log.logger);
    expect(await cache.heldSeq(alice, 7)).toBe(1_203);
    expect(cache.needsRebuild).toBe(false);
    expect(fs.existsSync(at().v1(alice))).toBe(false);
    expect(readJson(at().index(alice))).toEqual({ version: 2, chatId: 7, pages: [0, 1, 2] });
    expect(seqs(readJson(at().page(alice, 0)).messages)).toEqual([1, 2, 3, 499, 500]);
    expect(seqs(readJson(at().page(alice, 2)).messages)).toEqual([1001, 1203]);

    const messages = await cache.messages(alice);
    expect(seqs(messages)).toEqual(fixtureSeqs);
    expect(messages.map((m) => m.content)).toContain('Grüße aus Köln 👋');
    expect(messages.map((m) => m.content)).toContain('she said "no"\nthen left');
    expect(await (await openChatCache(place.dir, place.log.logger)).messages(alice)).toEqual(messages);
  });

  it('take new copies after the conversion, in order', async () => {
    putV1(alice, fixture);
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 7, [copy(1_204), copy(4)]);
    expect(seqs(await cache.messages(alice))).toEqual([1, 2, 3, 4, ...fixtureSeqs.slice(3), 1_204]);
    expect(await cache.heldSeq(alice, 7)).toBe(1_204);
  });

  it('are converted when lowdb pretty-printed them, as version 1 did before compact JSON', async () => {
    fs.mkdirSync(path.dirname(at().v1(bob)), { recursive: true });
    await new JSONFile(at().v1(bob)).write({ version: 1, chatId: 9, messages: copies(1, 10_000) });
    expect(fs.readFileSync(at().v1(bob), 'utf8')).toContain('\n  "chatId": 9');

    const cache = await openChatCache(place.dir, place.log.logger);
    expect(await cache.messages(bob)).toEqual(copies(1, 10_000));
    expect(readJson(at().index(bob)).pages).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(readJson(at().page(bob, 19)).messages).toHaveLength(500);
    expect(await cache.heldSeq(bob, 9)).toBe(10_000);
  });

  it('keep the record id of an empty chat', async () => {
    putV1(alice, JSON.stringify({ version: 1, chatId: 7, messages: [] }));
    const cache = await openChatCache(place.dir, place.log.logger);
    expect(await cache.messages(alice)).toEqual([]);
    expect(readJson(at().index(alice))).toEqual({ version: 2, chatId: 7, pages: [] });
    expect(fs.existsSync(at().v1(alice))).toBe(false);
  });

  it('are set aside when bad, asking for a rebuild', async () => {
    putV1(alice, fixture.slice(0, fixture.length / 2));
    const cache = await openChatCache(place.dir, place.log.logger);
    expect(await cache.messages(alice)).toEqual([]);
    expect(cache.needsRebuild).toBe(true);
    expect(fs.existsSync(`${at().v1(alice)}.corrupt`)).toBe(true);
    expect(fs.existsSync(at().v1(alice))).toBe(false);
    expect(fs.existsSync(at().index(alice))).toBe(false);
  });

  it('are not read again once an index exists, as after a crash before the old file was deleted', async () => {
    putV1(alice, fixture);
    await (await openChatCache(place.dir, place.log.logger)).messages(alice);
    putV1(alice, JSON.stringify({ version: 1, chatId: 7, messages: [copy(1, 'stale')] }));

    const again = await openChatCache(place.dir, place.log.logger);
    expect(seqs(await again.messages(alice))).toEqual(fixtureSeqs);
    expect((await again.messages(alice))[0]).toEqual(fixtureMessages[0]);
    // Once the record changes the old file goes with the pages, so it cannot come back later.
    await again.addMessages(alice, 8, [copy(1)]);
    expect(fs.existsSync(at().v1(alice))).toBe(false);
  });

  it('are deleted unread when their chat is dropped', async () => {
    putV1(alice, fixture);
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.dropChat(alice);
    expect(fs.existsSync(at().v1(alice))).toBe(false);
    expect(await cache.messages(alice)).toEqual([]);
    expect(cache.needsRebuild).toBe(false);
  });
});
