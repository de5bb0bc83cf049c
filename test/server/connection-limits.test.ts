// Connections the server does not hold for long or in great number: 10 s to sign in, 20 sockets
// per user, and --max-connections engine.io sessions per server process.
import { afterEach, describe, expect, it } from 'vitest';
import { limits } from '../../protocol/limits.js';
import type { ServerOptions } from '../../server/app.js';
import { connect, register, request, type ClientSocket } from '../support/clients.js';
import { SocketPool } from '../support/raw-sockets.js';
import { PollingSession, RawWebSocket } from '../support/raw-transport.js';
import { startTestServer, type TestServer } from '../support/server.js';

const servers: TestServer[] = [];
const raw: RawWebSocket[] = [];
const pool = new SocketPool();
afterEach(async () => {
  pool.closeAll();
  for (const ws of raw.splice(0)) ws.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

/** An engine.io WebSocket session opened by hand, its open packet read; no Socket.IO connect yet. */
async function engineSession(url: string): Promise<RawWebSocket> {
  const { response, ws } = await RawWebSocket.upgrade(url, '/socket.io/?EIO=4&transport=websocket');
  raw.push(ws);
  expect(response.status).toBe(101);
  await ws.nextText((text) => text.startsWith('0'));
  return ws;
}

/** Resolves once the server closes the WebSocket (its close frame; the TCP close waits for our reply). */
async function closedByServer(ws: RawWebSocket): Promise<void> {
  for (let frame = await ws.next(); frame && frame.opcode !== 8; frame = await ws.next());
}

describe('signing in on a new connection', () => {
  it('closes a connection that sends no connect, or a refused one, once the timeout passes', async () => {
    const server = await start({ handshakeTimeoutMs: 300 });
    const alice = await register(server.url);
    // Opened first, and signed in: its timer would fire first if signing in did not stop it.
    const signedIn = await engineSession(server.url);
    signedIn.send(`40${JSON.stringify({ token: alice.token })}`);
    expect(await signedIn.nextText((text) => text.startsWith('4'))).toMatch(/^40\{/);

    const silent = await engineSession(server.url);
    const refused = await engineSession(server.url);
    refused.send('40{"token":"not a token"}');
    expect(JSON.parse((await refused.nextText((text) => text.startsWith('4'))).slice(2))).toEqual({
      message: 'unauthorized',
    });
    await closedByServer(silent);
    await closedByServer(refused);

    signedIn.send('420["users:list"]');
    expect(await signedIn.nextText((text) => text.startsWith('43'))).toMatch(/^430\[\{"ok":true/);
  });

  it('waits 10 s by default', () => {
    expect(limits.handshakeTimeoutMs).toBe(10_000);
  });

  it('closes the connection of a socket that leaves its namespace', async () => {
    const server = await start();
    const alice = await register(server.url);
    const ws = await engineSession(server.url);
    ws.send(`40${JSON.stringify({ token: alice.token })}`);
    expect(await ws.nextText((text) => text.startsWith('4'))).toMatch(/^40\{/);
    ws.send('41');
    await closedByServer(ws);
  });
});

describe('sockets per user', () => {
  it('refuses the 21st socket of one user with too_many_sockets, and takes one again after a disconnect', async () => {
    const server = await start();
    const alice = await register(server.url);
    const bob = await register(server.url);
    const url = server.url; // one node: the cap is per node
    const held: ClientSocket[] = [];
    for (let i = 0; i < limits.maxSocketsPerUser; i++) held.push((await pool.open(url, { token: alice.token })).socket);
    expect((await pool.refused(url, { token: alice.token })).message).toBe('too_many_sockets');
    // Other users are not affected, and Alice's sockets keep working.
    const bobSocket = (await pool.open(url, { token: bob.token })).socket;
    expect((await request(held[0]!, 'users:list')).ok).toBe(true);

    // Once the server has seen one of hers go, she may connect again.
    const serverSide = server.nodes[0]!.io.of('/').sockets.get(held[0]!.id!)!;
    const gone = new Promise((resolve) => serverSide.once('disconnect', resolve));
    held[0]!.close();
    await gone;
    const again = await connect(url, alice.token);
    expect((await request(again, 'users:list')).ok).toBe(true);
    again.close();
    bobSocket.close();
  });
});

describe('--max-connections', () => {
  it('refuses new sessions over polling and WebSocket with 503 while the server holds that many', async () => {
    const server = await start({ maxConnections: 2 });
    const alice = await register(server.url);
    const first = await PollingSession.open(server.url);
    const second = await engineSession(server.url);
    const full = { error: { code: 'internal', message: 'The server has too many connections; try again later.' } };

    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(503);
    expect(await polling.json()).toEqual(full);
    const { response } = await RawWebSocket.upgrade(server.url, '/socket.io/?EIO=4&transport=websocket');
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toEqual(full);
    const error = await pool.refused(server.url, { token: alice.token });
    expect(error.message).toBe('websocket error');

    // The sessions already open carry on, and the HTTP API still answers.
    expect(await first.connect({ token: alice.token })).toMatch(/^40\{/);
    second.send(`40${JSON.stringify({ token: alice.token })}`);
    expect(await second.nextText((text) => text.startsWith('4'))).toMatch(/^40\{/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
