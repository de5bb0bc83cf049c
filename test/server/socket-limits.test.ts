// What one socket may ask of the server: at most 32 requests waiting, no new work while 4 MiB of
// its output are unsent (dropped after the grace), and history pages of at most 1 MiB of content.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { limits } from '../../protocol/limits.js';
import type { ServerOptions } from '../../server/app.js';
import { contentBytes } from '../../server/chat/history-cap.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { connect, register, request, type ClientSocket } from '../support/clients.js';
import { atMostPending, fullHistory, newClientId } from '../support/chat-helpers.js';
import { LogLines } from '../support/log-lines.js';
import { RawWebSocket } from '../support/raw-transport.js';
import { startTestServer, tempDir, type TestServer } from '../support/server.js';

/** 12,002 bytes as a JSON string: 87 of them fit in 1 MiB, 88 do not. */
const long = '€'.repeat(limits.contentMaxCodePoints);
const perPage = Math.floor(limits.historyMaxContentBytes / contentBytes(long));
const seeded = 200;

const servers: TestServer[] = [];
const sockets: Array<ClientSocket | RawWebSocket> = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) {
    if (socket instanceof RawWebSocket) socket.destroy();
    else socket.close();
  }
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

async function open(url: string, token: string): Promise<ClientSocket> {
  const socket = await connect(url, token);
  sockets.push(socket);
  return socket;
}

/** Alice, and Bob who sent her `seeded` messages of 4,000 three-byte characters. */
async function seed(server: TestServer) {
  const alice = await register(server.url);
  const bob = await register(server.url);
  const bobSocket = await open(server.url, bob.token);
  const acks = await atMostPending(seeded, () =>
    request(bobSocket, 'message:send', { to: alice.user.id, clientId: newClientId(), content: long }),
  );
  expect(acks.filter((ack) => ack.ok !== true)).toEqual([]);
  return { alice, bob };
}

/** A signed-in engine.io WebSocket spoken by hand, so the test decides when it reads. */
async function rawSocket(url: string, token: string): Promise<RawWebSocket> {
  const { response, ws } = await RawWebSocket.upgrade(url, '/socket.io/?EIO=4&transport=websocket');
  sockets.push(ws);
  expect(response.status).toBe(101);
  await ws.nextText((text) => text.startsWith('0'));
  ws.send(`40${JSON.stringify({ token })}`);
  expect(await ws.nextText((text) => text.startsWith('4'))).toMatch(/^40\{/);
  return ws;
}

/** Reads acks until `count` have come: ack id → its reply. Answers pings meanwhile. */
async function acks(ws: RawWebSocket, count: number): Promise<Map<number, any>> {
  const replies = new Map<number, any>();
  while (replies.size < count) {
    const text = await ws.nextText((t) => t === '2' || t.startsWith('43'));
    if (text === '2') ws.send('3');
    else {
      const [, id, body] = /^43(\d+)(.*)$/s.exec(text)!;
      replies.set(Number(id), (JSON.parse(body!) as unknown[])[0]);
    }
  }
  return replies;
}

/** Every request in one write, as a client that pipelines does, each with ack id = its index. */
function historyRequests(ws: RawWebSocket, count: number, who: number): void {
  ws.send(...Array.from({ length: count }, (_, i) => `42${i}["chat:history",{"who":${who},"limit":200}]`));
}

describe('the request queue of one socket', () => {
  it('answers requests past 32 waiting rate_limited at once, without carrying them out', async () => {
    const store = new SqliteStore(tempDir());
    const history = store.history.bind(store);
    let calls = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let firstCalled!: () => void;
    const firstCall = new Promise<void>((resolve) => (firstCalled = resolve));
    store.history = async (...args) => {
      calls++;
      firstCalled();
      await gate;
      return history(...args);
    };
    const server = await start({ store });
    const alice = await register(server.url);
    const bob = await register(server.url);
    const socket = await open(server.url, alice.token);

    const sent = Array.from({ length: 40 }, () => request(socket, 'chat:history', { who: bob.user.id }));
    // Answered while the first request is waiting for its turn or held in the store, so before
    // the 32 it queued.
    for (const ack of await Promise.all(sent.slice(limits.maxPendingRequestsPerSocket))) {
      expect(ack).toEqual({
        ok: false,
        error: { code: 'rate_limited', message: expect.any(String), retryAfterMs: limits.fullQueueRetryAfterMs },
      });
    }
    await firstCall;
    expect(calls).toBe(1);
    openGate();
    for (const ack of await Promise.all(sent.slice(0, limits.maxPendingRequestsPerSocket))) {
      expect(ack).toEqual({ ok: true, messages: [], hasMore: false });
    }
    expect(calls).toBe(limits.maxPendingRequestsPerSocket);
    // Once answered, there is room again.
    expect((await request(socket, 'chat:history', { who: bob.user.id })).ok).toBe(true);
  });
});

describe('unsent output', () => {
  it('holds the requests of a socket that stopped reading, and carries them out once it reads', async () => {
    const logs = new LogLines();
    const server = await start({ logger: logs.logger });
    const { alice, bob } = await seed(server);
    const ws = await rawSocket(server.url, alice.token);

    ws.pause();
    const sent = 40;
    historyRequests(ws, sent, bob.user.id);
    await logs.waitFor(/has \d+ bytes unsent; holding it/);
    ws.resume();
    const replies = await acks(ws, sent);
    const answered = [...replies.values()];
    const pages = answered.filter((reply) => reply.ok);
    expect(pages).toHaveLength(limits.maxPendingRequestsPerSocket);
    for (const page of pages) expect(page.messages).toHaveLength(perPage);
    expect(answered.filter((reply) => !reply.ok).map((reply) => reply.error.code)).toEqual(
      Array(sent - limits.maxPendingRequestsPerSocket).fill('rate_limited'),
    );
    // It caught up within the grace, so it is still connected and served.
    ws.send('420["users:list"]');
    expect((await acks(ws, 1)).get(0)).toMatchObject({ ok: true });
    expect(logs.lines.filter((line) => /too much unsent output/.test(line))).toEqual([]);
  });

  it('drops a socket that stays over 4 MiB unsent for the grace, having carried out few of its requests', async () => {
    const logs = new LogLines();
    const store = new SqliteStore(tempDir());
    const history = store.history.bind(store);
    let calls = 0;
    store.history = (...args) => {
      calls++;
      return history(...args);
    };
    const server = await start({ store, logger: logs.logger, stalledOutputGraceMs: 300 });
    const { alice, bob } = await seed(server);
    const ws = await rawSocket(server.url, alice.token);

    ws.pause();
    const sent = 150;
    historyRequests(ws, sent, bob.user.id);
    await logs.waitFor(/dropped socket \S+ of user \d+: too much unsent output for too long/);
    ws.resume();
    await ws.closed();
    expect(limits.stalledOutputGraceMs, 'the grace outside tests').toBe(30_000);
    // Those taken before it fell behind, and at most 32 held; not 150 pages of a megabyte.
    expect(calls).toBeLessThan(sent - limits.maxPendingRequestsPerSocket);
    // The server carries on.
    const other = await open(server.url, bob.token);
    expect((await request(other, 'chat:history', { who: alice.user.id, limit: 1 })).ok).toBe(true);
  });
});

describe('history pages', () => {
  it('hold at most 1 MiB of content, and paging on either way yields the whole record', async () => {
    const server = await start();
    const { alice, bob } = await seed(server);
    const socket = await open(server.url, alice.token);
    const bytes = (messages: Message[]) => messages.reduce((sum, m) => sum + contentBytes(m.content), 0);
    const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    const newest = await request(socket, 'chat:history', { who: bob.user.id, limit: 200 });
    expect(newest.messages.map((m: Message) => m.seq)).toEqual(seqs(seeded - perPage + 1, seeded));
    expect(newest.hasMore).toBe(true);
    expect(bytes(newest.messages)).toBeLessThanOrEqual(limits.historyMaxContentBytes);

    const oldest = await request(socket, 'chat:history', { who: bob.user.id, afterSeq: 0, limit: 200 });
    expect(oldest.messages.map((m: Message) => m.seq)).toEqual(seqs(1, perPage));
    expect(oldest.hasMore).toBe(true);

    // A short page that fits is not cut.
    const short = await request(socket, 'chat:history', { who: bob.user.id, beforeSeq: 11, limit: 10 });
    expect(short.messages.map((m: Message) => m.seq)).toEqual(seqs(1, 10));
    expect(short.hasMore).toBe(false);

    const back: Message[] = [...newest.messages];
    let page = newest;
    while (page.hasMore) {
      page = await request(socket, 'chat:history', { who: bob.user.id, limit: 200, beforeSeq: back[0]!.seq });
      expect(bytes(page.messages)).toBeLessThanOrEqual(limits.historyMaxContentBytes);
      back.unshift(...page.messages);
    }
    expect(back.map((m) => m.seq)).toEqual(seqs(1, seeded));
    const forward = await fullHistory(socket, bob.user.id);
    expect(forward).toEqual(back);
  });
});
