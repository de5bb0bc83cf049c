// A 100,000-user directory and a user with 100,000 chat records: list requests from 40 sockets
// at once are answered in pages no larger than asked, and no more than heavyReadsAtOnce of
// them read the store at once. How long other sends wait meanwhile is a bench figure (S8 in
// docs/performance.md), not a test's.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from '../../../protocol/contract.js';
import { heavyReadsAtOnce } from '../../../server/chat/heavy-reads.js';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { seedDirectory } from '../../bench/support/seed.js';
import type { Store } from '../../../server/store/store.js';
import { ok } from '../../support/chat-helpers.js';
import { connect, type ClientSocket } from '../../support/clients.js';
import { startTestServer, tempDir, type TestServer } from '../../support/server.js';

const userCount = 100_000;
const socketCount = 40;

/** The store, counting the list and history reads running at once. */
function countingReads(store: Store): { store: Store; peak: () => number } {
  let running = 0;
  let peak = 0;
  const heavy = new Set<PropertyKey>(['listUsers', 'listChats', 'history']);
  const counted = new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (!heavy.has(key)) return method.bind(target);
      return async (...args: unknown[]) => {
        peak = Math.max(peak, ++running);
        try {
          return await method.apply(target, args);
        } finally {
          running--;
        }
      };
    },
  });
  return { store: counted, peak: () => peak };
}

describe('heavy reads', () => {
  let server: TestServer;
  let sockets: ClientSocket[];
  let reads: ReturnType<typeof countingReads>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDir();
    const tokens = Array.from({ length: socketCount }, (_, i) => `heavy-reads-token-${i}`);
    await seedDirectory(dataDir, userCount, tokens);
    reads = countingReads(new SqliteStore(dataDir));
    server = await startTestServer({ dataDir, store: reads.store });
    sockets = await Promise.all(tokens.map((token) => connect(server.url, token)));
  }, 60_000);
  afterAll(async () => {
    for (const socket of sockets ?? []) socket.disconnect();
    await server?.close();
    // 100,000 users take some 20 MB: not left behind in the temporary folder.
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 40 sockets paging at once in bounded pages, a few reads at a time', async () => {
    const pages = 5;
    const limits = [500, 200, 37];
    const sizes: number[] = [];
    const work = sockets.map(async (socket, i) => {
      const limit = limits[i % limits.length]!;
      let after: string | undefined;
      let previous = '';
      for (let page = 0; page < pages; page++) {
        if (i === 0) {
          // The user with 100,000 records pages through them instead.
          const ack = await ok(socket, 'chats:list', after === undefined ? { limit } : { after, limit });
          sizes.push((ack.chats as Chat[]).length);
          after = ack.next as string;
          continue;
        }
        const query = i % 4 === 1 ? { query: 'nobody' } : {};
        const ack = await ok(socket, 'users:list', { ...query, limit, ...(after === undefined ? {} : { after }) });
        const users = ack.users as User[];
        sizes.push(users.length);
        for (const user of users) {
          expect(user.name > previous).toBe(true);
          previous = user.name;
        }
        after = ack.next as string;
        expect(after).toEqual(expect.any(String));
      }
    });
    await Promise.all(work);
    expect(sizes).toHaveLength(socketCount * pages);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
    expect(reads.peak()).toBeLessThanOrEqual(heavyReadsAtOnce);
    expect(reads.peak()).toBeGreaterThan(1);
  }, 60_000);

  it('answers a client that sends no payload with the first 500 and a next', async () => {
    const users = await ok(sockets[1]!, 'users:list');
    expect(users.users).toHaveLength(500);
    expect(users.next).toEqual(expect.any(String));
    const chats = await ok(sockets[0]!, 'chats:list');
    expect(chats.chats).toHaveLength(500);
    expect(chats.next).toEqual(expect.any(String));
  });
});
