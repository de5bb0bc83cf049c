// A chat's copies in pages of 500 by seq: a newer message rewrites only the newest page, older
// copies land in order in their own page, and a bad page costs the chat, never a hole in it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openChatCache } from '../../../../main/core/cache/chat-cache.js';
import { alice, cacheFolder, copies, copy, files, readJson, seqs, snapshot } from './helpers.js';

const place = cacheFolder();
const at = () => files(place.dir);
const pageSeqs = (n: number) => seqs(readJson(at().page(alice, n)).messages);

describe('chat pages', () => {
  it('appends across page boundaries, rewriting only the newest page and the index only for a new page', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 499));
    await cache.addMessages(alice, 10, [copy(500)]);
    expect(readJson(at().index(alice))).toEqual({ version: 2, chatId: 10, pages: [0] });

    const fullPage = snapshot(at().page(alice, 0));
    await cache.addMessages(alice, 10, [copy(501)]);
    expect(snapshot(at().page(alice, 0))).toEqual(fullPage);
    expect(readJson(at().index(alice)).pages).toEqual([0, 1]);

    const index = snapshot(at().index(alice));
    await cache.addMessages(alice, 10, [copy(502)]);
    expect(snapshot(at().index(alice))).toEqual(index);
    expect(snapshot(at().page(alice, 0))).toEqual(fullPage);
    expect(pageSeqs(1)).toEqual([501, 502]);

    // One catch-up batch over two boundaries.
    await cache.addMessages(alice, 10, copies(503, 1_200));
    expect(readJson(at().index(alice)).pages).toEqual([0, 1, 2]);
    expect(pageSeqs(1)).toEqual(seqs(copies(501, 1_000)));
    expect(pageSeqs(2)).toEqual(seqs(copies(1_001, 1_200)));
    expect(await cache.heldSeq(alice, 10)).toBe(1_200);
    const again = await openChatCache(place.dir, place.log.logger);
    expect(await again.messages(alice)).toEqual(copies(1, 1_200));
    expect(await again.heldSeq(alice, 10)).toBe(1_200);
  });

  it('puts older copies in order into an earlier page, leaving the other pages untouched', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, [...copies(1, 10), ...copies(600, 1_200)]);
    const later = [snapshot(at().page(alice, 1)), snapshot(at().page(alice, 2))];

    await cache.addMessages(alice, 10, [copy(499), copy(5, 'a repeat'), copy(11), copy(12)]);
    expect(pageSeqs(0)).toEqual([...seqs(copies(1, 12)), 499]);
    expect(readJson(at().page(alice, 0)).messages[4].content).toBe('message 5');
    expect([snapshot(at().page(alice, 1)), snapshot(at().page(alice, 2))]).toEqual(later);

    await cache.addMessages(alice, 10, copies(500, 599));
    expect(pageSeqs(0).at(-1)).toBe(500);
    expect(pageSeqs(1)).toEqual(seqs(copies(501, 1_000)));
    expect(await cache.heldSeq(alice, 10)).toBe(1_200);
    expect(seqs(await (await openChatCache(place.dir, place.log.logger)).messages(alice))).toEqual([
      ...seqs(copies(1, 12)),
      ...seqs(copies(499, 1_200)),
    ]);
  });

  it('starts an older page of its own when history is loaded below the oldest page', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1_151, 1_200));
    await cache.addMessages(alice, 10, copies(951, 1_150));
    expect(readJson(at().index(alice)).pages).toEqual([1, 2]);
    await cache.addMessages(alice, 10, copies(101, 950));
    expect(readJson(at().index(alice)).pages).toEqual([0, 1, 2]);
    expect(await cache.messages(alice)).toEqual(copies(101, 1_200));
    expect(await cache.heldSeq(alice, 10)).toBe(1_200);
  });

  it('drops every page of the old record when copies of a recreated one arrive', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 1_200));
    await cache.addMessages(alice, 11, [copy(1, 'second life')]);
    expect(fs.readdirSync(at().folder(alice)).sort()).toEqual(['0.json', 'index.json']);
    expect(readJson(at().index(alice))).toEqual({ version: 2, chatId: 11, pages: [0] });
    expect(await cache.heldSeq(alice, 10)).toBe(0);
    expect(await cache.heldSeq(alice, 11)).toBe(1);

    const again = await openChatCache(place.dir, place.log.logger);
    expect((await again.messages(alice)).map((m) => m.content)).toEqual(['second life']);
    // A record with no copies yet is remembered too.
    await again.addMessages(alice, 12, []);
    expect(await again.messages(alice)).toEqual([]);
    expect(readJson(at().index(alice))).toEqual({ version: 2, chatId: 12, pages: [] });
  });

  it('removes every page when a chat is dropped', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 1_200));
    await cache.dropChat(alice);
    expect(fs.existsSync(at().folder(alice))).toBe(false);
    expect(await cache.heldSeq(alice, 10)).toBe(0);
    await cache.addMessages(alice, 10, [copy(1_201)]);
    expect(await cache.messages(alice)).toEqual([copy(1_201)]);
    expect(fs.readdirSync(at().folder(alice)).sort()).toEqual(['2.json', 'index.json']);
  });

  it('says how far a record is held from the newest page alone', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, [copy(4), copy(1_001), copy(2)]);
    expect(await cache.heldSeq(alice, 10)).toBe(1_001);
    await cache.addMessages(alice, 10, [copy(700)]);
    expect(await cache.heldSeq(alice, 10)).toBe(1_001);
    expect(await cache.heldSeq(alice, 11)).toBe(0);

    // The older pages are not read for it: bad as they are, nothing is discarded.
    fs.writeFileSync(at().page(alice, 0), 'not JSON');
    const again = await openChatCache(place.dir, place.log.logger);
    expect(await again.heldSeq(alice, 10)).toBe(1_001);
    expect(again.needsRebuild).toBe(false);
  });

  it('discards the whole chat when a page in the middle is bad, and asks for a rebuild', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 1_200));
    fs.writeFileSync(at().page(alice, 1), '{"version":2,"messages":[');

    const again = await openChatCache(place.dir, place.log.logger);
    expect(await again.messages(alice)).toEqual([]);
    expect(again.needsRebuild).toBe(true);
    expect(await again.heldSeq(alice, 10)).toBe(0);
    expect(fs.readdirSync(at().folder(alice))).toEqual(['1.json.corrupt']);

    // Catch-up then fetches the newest copies again.
    await again.addMessages(alice, 10, copies(1_151, 1_200));
    const third = await openChatCache(place.dir, place.log.logger);
    expect(await third.messages(alice)).toEqual(copies(1_151, 1_200));
    expect(third.needsRebuild).toBe(false);
  });

  it('discards the whole chat when a page is bad while adding to it', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 1_200));
    fs.writeFileSync(at().page(alice, 0), JSON.stringify({ version: 2, messages: [copy(2), copy(1)] }));

    const again = await openChatCache(place.dir, place.log.logger);
    await again.addMessages(alice, 10, [copy(3, 'late'), copy(1_201)]);
    expect(again.needsRebuild).toBe(true);
    expect(await again.messages(alice)).toEqual([copy(3, 'late'), copy(1_201)]);
    expect(readJson(at().index(alice))).toEqual({ version: 2, chatId: 10, pages: [0, 2] });
  });

  it('never reads a page that no index lists, such as one left by a crash', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await cache.addMessages(alice, 10, copies(1, 10));
    fs.writeFileSync(at().page(alice, 3), JSON.stringify({ version: 2, messages: copies(1_501, 1_600) }));
    await cache.addMessages(alice, 10, [copy(1_700)]);
    expect(seqs(await cache.messages(alice))).toEqual([...seqs(copies(1, 10)), 1_700]);
    expect(pageSeqs(3)).toEqual([1_700]);
  });

  it('keeps the copies of a page whose first write failed, and writes them with the next', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    expect(await cache.heldSeq(alice, 10)).toBe(0);
    fs.mkdirSync(path.dirname(at().folder(alice)), { recursive: true });
    fs.writeFileSync(at().folder(alice), 'a file where the folder should be');
    await expect(cache.addMessages(alice, 10, [copy(1)])).rejects.toThrow();

    fs.rmSync(at().folder(alice));
    await cache.addMessages(alice, 10, [copy(2)]);
    expect(await (await openChatCache(place.dir, place.log.logger)).messages(alice)).toEqual(copies(1, 2));
  });

  it('rejects a copy whose seq could not be stored', async () => {
    const cache = await openChatCache(place.dir, place.log.logger);
    await expect(cache.addMessages(alice, 10, [copy(0)])).rejects.toThrow(RangeError);
    await expect(cache.addMessages(alice, 10, [copy(1.5)])).rejects.toThrow(RangeError);
    expect(await cache.messages(alice)).toEqual([]);
  });
});
