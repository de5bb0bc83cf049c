// Drafts kept in the profile across a restart, and searching this computer's cache when the
// server cannot be asked. Real server, real cores.
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../main/ipc/contract.js';
import type { SearchResults } from '../../../../main/ipc/messages-contract.js';
import { useServerAndCores, type TestCore } from '../../../support/cores.js';

describe('drafts and searching the cache', () => {
  const world = useServerAndCores();

  const arrived = (core: TestCore, content: string) =>
    core.waitFor(
      (e) => e.event === 'messages' && (e.payload.messages as ChatMessage[]).some((m) => m.content === content),
    );

  it('keeps a draft per chat across a restart, and drops it when the message is sent or the text cleared', async () => {
    const alice = await world.signedUp('drafter');
    const bob = await world.signedUp('bob');
    const carol = await world.signedUp('carol');
    await alice.core.call('saveDraft', { who: bob.id, text: 'half a thought' });
    await alice.core.call('saveDraft', { who: carol.id, text: 'for carol' });

    const again = await world.reopen(alice.core);
    expect((await again.call('snapshot')).drafts).toEqual({ [bob.id]: 'half a thought', [carol.id]: 'for carol' });

    await again.call('send', { to: bob.id, content: 'half a thought, finished' });
    await again.call('saveDraft', { who: carol.id, text: '' });
    expect((await again.call('snapshot')).drafts).toEqual({});
    const third = await world.reopen(again);
    expect((await third.call('snapshot')).drafts).toEqual({});
  });

  it('asks the server when online: the hits come from every message, cached or not', async () => {
    const alice = await world.signedUp('searcher');
    const bob = await world.signedUp('bob');
    await bob.core.call('send', { to: alice.id, content: 'The Lighthouse at eight' });
    await bob.core.call('send', { to: alice.id, content: 'last one' });
    await arrived(alice.core, 'last one');
    const found: SearchResults = await alice.core.call('searchMessages', { q: 'lighthouse' });
    expect(found.fromCache).toBe(false);
    expect(found.hits).toMatchObject([{ who: bob.id, name: bob.name, snippet: 'The Lighthouse at eight' }]);
    const mine: SearchResults = await bob.core.call('searchMessages', { q: 'lighthouse', who: alice.id });
    expect(mine.hits).toHaveLength(1);
    // Refusals reach the renderer as they are: the user's own id is no chat.
    await expect(alice.core.call('searchMessages', { q: 'x', who: alice.id })).rejects.toMatchObject({
      code: 'bad_request',
    });
  });

  it('searches the cached messages when offline, and says so', async () => {
    const alice = await world.signedUp('searcher');
    const bob = await world.signedUp('bob');
    await bob.core.call('send', { to: alice.id, content: 'Meet at the Blue Door cafe' });
    await bob.core.call('send', { to: alice.id, content: 'or somewhere else' });
    await arrived(alice.core, 'or somewhere else');

    await world.server.close();
    await alice.core.waitFor((e) => e.event === 'connection' && e.payload === 'offline');
    const found: SearchResults = await alice.core.call('searchMessages', { q: 'blue door' });
    expect(found.fromCache).toBe(true);
    expect(found.hits).toHaveLength(1);
    const [hit] = found.hits;
    expect(hit).toMatchObject({ who: bob.id, name: bob.name, snippet: 'Meet at the Blue Door cafe' });
    expect(hit!.snippet.slice(...hit!.matches[0]!)).toBe('Blue Door');
    expect(
      (await alice.core.call<SearchResults>('searchMessages', { q: 'door', who: alice.id + bob.id + 1 })).hits,
    ).toEqual([]);
  });
});
