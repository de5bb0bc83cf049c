// messages:search (docs/protocol.md §6.13): only the caller's own records, case-insensitive
// substrings in any script, short queries by a bounded scan, newest first in pages. Runs on
// SQLite here and on PostgreSQL in the cluster run (test/vitest.cluster.config.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, SearchHit, SearchPage } from '../../protocol/contract.js';
import { limits } from '../../protocol/limits.js';
import { fails, newClientId, ok, send } from '../support/chat-helpers.js';
import { World, type Person } from '../support/world.js';

async function search(person: Person, payload: Record<string, unknown>): Promise<SearchPage> {
  const { ok: _ok, ...page } = await ok(person.socket, 'messages:search', payload);
  return page as SearchPage;
}
const ids = (page: SearchPage) => page.hits.map((hit) => hit.id);
/** The marked parts of a hit's snippet. */
const marked = (hit: SearchHit) => hit.matches.map(([start, end]) => hit.snippet.slice(start, end));

describe('messages:search', () => {
  let world: World;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  const sent: Record<string, Message> = {};
  beforeAll(async () => {
    world = await World.start();
    [alice, bob, carol] = [await world.person('alice'), await world.person('bob'), await world.person('carol')];
    const texts: Array<[string, Person, Person, string]> = [
      ['hello', alice, bob, 'Hello World'],
      ['there', bob, alice, 'hello there, how are you'],
      ['chinese1', alice, bob, '你好世界，今天天气很好'],
      ['chinese2', bob, alice, '世界和平'],
      ['percent', alice, bob, 'a discount of 100% off'],
      ['thousand', bob, alice, 'we sold 1000 of them'],
      ['quote', alice, bob, 'she said "yes" twice'],
      ['bobcarol', bob, carol, 'hello carol, a secret word: zebrafish'],
      ['alicecarol', alice, carol, 'hello carol from alice, unicorn'],
    ];
    for (const [key, from, to, content] of texts) sent[key] = await send(from.socket, to.id, content);
  });
  afterAll(() => world.close());

  it('finds a substring case-insensitively, newest first, with the copy it is in', async () => {
    const page = await search(alice, { q: 'HELLO' });
    expect(ids(page)).toEqual([sent['alicecarol']!.id, sent['there']!.id, sent['hello']!.id]);
    expect(page.next).toBeUndefined();
    const hit = page.hits.find((h) => h.id === sent['there']!.id)!;
    const copy = (await ok(alice.socket, 'chat:history', { who: bob.id })).messages.find(
      (m: Message) => m.id === hit.id,
    );
    expect(hit).toMatchObject({ who: bob.id, name: bob.name, seq: copy.seq, date: copy.date });
    expect(hit.snippet).toBe('hello there, how are you');
    expect(marked(hit)).toEqual(['hello']);
  });

  it("never finds another user's messages", async () => {
    expect((await search(alice, { q: 'zebrafish' })).hits).toEqual([]);
    expect(ids(await search(carol, { q: 'zebrafish' }))).toEqual([sent['bobcarol']!.id]);
    expect(ids(await search(bob, { q: 'zebra' }))).toEqual([sent['bobcarol']!.id]);
  });

  it('finds Chinese text, by the index and by the short scan', async () => {
    expect(ids(await search(alice, { q: '你好世' }))).toEqual([sent['chinese1']!.id]);
    expect(ids(await search(alice, { q: '世界' }))).toEqual([sent['chinese2']!.id, sent['chinese1']!.id]);
    const one = await search(bob, { q: '平' });
    expect(ids(one)).toEqual([sent['chinese2']!.id]);
    expect(marked(one.hits[0]!)).toEqual(['平']);
  });

  it('answers short queries case-insensitively too', async () => {
    expect(ids(await search(alice, { q: 'LL', who: bob.id }))).toEqual([sent['there']!.id, sent['hello']!.id]);
    expect(ids(await search(alice, { q: '%' }))).toEqual([sent['percent']!.id]);
  });

  it('takes the query literally: LIKE and FTS syntax mean nothing', async () => {
    expect(ids(await search(alice, { q: '100%' }))).toEqual([sent['percent']!.id]);
    expect(ids(await search(alice, { q: '"yes"' }))).toEqual([sent['quote']!.id]);
    expect((await search(alice, { q: '1_00' })).hits).toEqual([]);
    expect((await search(alice, { q: 'yes OR hello' })).hits).toEqual([]);
  });

  it('limits a search to one chat with who', async () => {
    expect(ids(await search(alice, { q: 'hello', who: bob.id }))).toEqual([sent['there']!.id, sent['hello']!.id]);
    expect(ids(await search(alice, { q: 'hello', who: carol.id }))).toEqual([sent['alicecarol']!.id]);
  });

  it('never finds a copy in a deleted chat, while the peer still does', async () => {
    const dave = await world.person('dave');
    const gone = await send(alice.socket, dave.id, 'meet at the lighthouse');
    expect(ids(await search(alice, { q: 'lighthouse' }))).toEqual([gone.id]);
    await ok(alice.socket, 'chat:delete', { who: dave.id });
    expect((await search(alice, { q: 'lighthouse' })).hits).toEqual([]);
    expect((await search(alice, { q: 'li', who: dave.id })).hits).toEqual([]);
    expect(ids(await search(dave, { q: 'lighthouse' }))).toEqual([gone.id]);
  });

  it('never finds recalled, hidden or action copies; an edited message by its new text only', async () => {
    const gil = await world.person('gil');
    const recalled = await send(alice.socket, gil.id, 'recall this marmalade');
    const hidden = await send(gil.socket, alice.id, 'hide this marmalade');
    const edited = await send(alice.socket, gil.id, 'edit this marmalade');
    await ok(alice.socket, 'message:recall', { who: gil.id, id: recalled.id, clientId: newClientId() });
    await ok(alice.socket, 'message:hide', { who: gil.id, id: hidden.id, clientId: newClientId() });
    await ok(alice.socket, 'message:edit', { who: gil.id, id: edited.id, clientId: newClientId(), content: 'now jam' });
    expect((await search(alice, { q: 'marmalade' })).hits).toEqual([]);
    expect(ids(await search(gil, { q: 'marmalade' }))).toEqual([hidden.id]);
    expect(ids(await search(alice, { q: 'jam' }))).toEqual([edited.id]);
    expect(ids(await search(gil, { q: 'ja' }))).toEqual([edited.id]);
    // The action copies' text ("… edited a message: now jam", "… recalled a message") never matches.
    expect((await search(gil, { q: 'recalled' })).hits).toEqual([]);
    expect((await search(alice, { q: 'a message' })).hits).toEqual([]);
  });

  it('cuts a snippet of about 120 code points around the first match and marks every match', async () => {
    const erin = await world.person('erin');
    const long = `${'前'.repeat(200)} needle ${'x'.repeat(50)} NEEDLE ${'後'.repeat(200)}`;
    await send(alice.socket, erin.id, long);
    const [hit] = (await search(alice, { q: 'needle', who: erin.id })).hits;
    expect(Array.from(hit!.snippet).length).toBeLessThanOrEqual(122);
    expect(hit!.snippet.startsWith('…') && hit!.snippet.endsWith('…')).toBe(true);
    expect(marked(hit!)).toEqual(['needle', 'NEEDLE']);
  });

  it('pages newest first with before, by the index and by the short scan', async () => {
    const frank = await world.person('frank');
    const pages: Message[] = [];
    for (let i = 0; i < 25; i++)
      pages.push(await send(i % 2 ? frank.socket : alice.socket, i % 2 ? alice.id : frank.id, `page ${i} 页`));
    const newest = pages.map((m) => m.id).reverse();
    for (const q of ['page', '页']) {
      const first = await search(alice, { q, who: frank.id, limit: 10 });
      expect(ids(first)).toEqual(newest.slice(0, 10));
      const second = await search(alice, { q, who: frank.id, limit: 10, before: first.next });
      expect(ids(second)).toEqual(newest.slice(10, 20));
      const last = await search(alice, { q, who: frank.id, limit: 10, before: second.next });
      expect(ids(last)).toEqual(newest.slice(20));
      expect(last.next).toBeUndefined();
    }
    expect((await search(alice, { q: 'page', who: frank.id })).hits).toHaveLength(limits.searchDefaultLimit);
  });

  it('refuses bad requests and changes nothing', async () => {
    await fails(alice.socket, 'messages:search', { q: '' }, 'bad_request');
    await fails(alice.socket, 'messages:search', { q: 'x'.repeat(limits.searchQueryMaxCodePoints + 1) }, 'bad_request');
    await fails(alice.socket, 'messages:search', { q: 'a\u0000b' }, 'bad_request');
    await fails(alice.socket, 'messages:search', { q: 'hello', limit: limits.searchMaxLimit + 1 }, 'bad_request');
    await fails(alice.socket, 'messages:search', { q: 'hello', limit: 0 }, 'bad_request');
    await fails(alice.socket, 'messages:search', { q: 'hello', before: 'abc' }, 'bad_request');
    await fails(alice.socket, 'messages:search', { q: 'hello', who: alice.id }, 'bad_request');
    await fails(alice.socket, 'messages:search', { q: 'hello', who: 9_999_999 }, 'not_found');
    await fails(alice.socket, 'messages:search', undefined, 'bad_request');
    expect(await search(alice, { q: 'x'.repeat(limits.searchQueryMaxCodePoints) })).toEqual({ hits: [] });
  });
});
