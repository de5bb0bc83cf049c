// Jumping to an old message (a quote, a search hit): the copies around it join the cache as an
// island, announced at once; the history around the gap still loads whole from the server.
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../main/ipc/contract.js';
import { connect, register } from '../../../support/clients.js';
import { newClientId, ok } from '../../../support/chat-helpers.js';
import { useServerAndCores } from '../../../support/cores.js';

const seqsOf = (messages: ChatMessage[]) => messages.map((m) => m.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('loading around a message', () => {
  const world = useServerAndCores();

  it('caches and announces the copies around a seq, and pages across the gap', async () => {
    const alice = await world.signedUp('alice');
    const bob = await register(world.server.url);
    const socket = await connect(world.server.url, bob.token);
    for (let i = 1; i <= 150; i++) {
      await ok(socket, 'message:send', { to: alice.id, clientId: newClientId(), content: `number ${i}` });
    }
    socket.close();
    await alice.core.waitFor(
      (e) => e.event === 'messages' && (e.payload.messages as ChatMessage[]).some((m) => m.content === 'number 150'),
    );

    await alice.core.call('loadAround', { who: bob.user.id, seq: 20 });
    const told = alice.core.last('messages')!;
    expect(told.who).toBe(bob.user.id);
    expect(seqsOf(told.messages)).toEqual(range(1, 45));

    const across = await alice.core.call('loadHistory', { who: bob.user.id, beforeSeq: 101, limit: 60 });
    expect(seqsOf(across.messages)).toEqual(range(41, 100));

    await world.server.close();
    await alice.core.waitFor((e) => e.event === 'connection' && e.payload === 'offline');
    const cached = await alice.core.call('loadHistory', { who: bob.user.id, beforeSeq: 101, limit: 100 });
    expect(seqsOf(cached.messages)).toEqual(range(1, 100));
    expect(cached.hasMore).toBe(false);
  });
});
