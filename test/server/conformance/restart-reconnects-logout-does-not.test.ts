// docs/protocol.md §6.1 "When the connection ends": a server that shuts down closes the transport
// (`transport close`), so a socket.io-client with default options reconnects by itself once a
// server is back; logout is a Socket.IO disconnect (`io server disconnect`) that it stays away from.
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { register, request, type ClientSocket } from '../../support/clients.js';
import { startTestServer, tempDir, type TestServer } from '../../support/server.js';

const servers: TestServer[] = [];
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: { dataDir?: string; port?: number } = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

/** A socket.io-client with its default options (polling first, then WebSocket; reconnection on). */
async function defaultClient(url: string, token: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, { auth: { token } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

const nextDisconnect = (socket: ClientSocket) => new Promise<string>((resolve) => socket.once('disconnect', resolve));

describe('docs/protocol.md §6.1: when the connection ends', () => {
  it('a restart ends it with `transport close`, and the client reconnects by itself once the server is back', async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    const { token } = await register(first.url);
    const socket = await defaultClient(first.url, token);
    // It starts on long-polling; a poll caught between two requests would see `transport error`
    // (docs/protocol.md §6.1). Once on WebSocket the close is always `transport close`.
    if (socket.io.engine.transport.name !== 'websocket') {
      await new Promise<void>((resolve) => socket.io.engine.once('upgrade', () => resolve()));
    }

    const disconnected = nextDisconnect(socket);
    await first.close();
    expect(await disconnected).toBe('transport close');
    // socket.io-client's own flag: it will try again.
    expect(socket.active).toBe(true);

    const reconnected = new Promise<void>((resolve) => socket.once('connect', resolve));
    const second = await start({ dataDir, port: first.port });
    await reconnected;
    expect(await request(socket, 'users:list')).toEqual({ ok: true, users: [] });
    expect(second.io.sockets.sockets.size).toBe(1);
  });

  it('a logout ends it with `io server disconnect`, after which the client does not reconnect', async () => {
    const server = await start();
    const { token } = await register(server.url);
    const socket = await defaultClient(server.url, token);

    const disconnected = nextDisconnect(socket);
    // socket.io-client closes its own connection once no socket of it is left to reconnect.
    const given = new Promise<string>((resolve) => socket.io.once('close', resolve));
    const logout = await fetch(`${server.url}/api/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect(await given).toBe('forced close');
    expect(socket.active).toBe(false);

    // Connecting again by hand is refused: the token is gone.
    const refused = new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.connect();
    expect((await refused).message).toBe('unauthorized');
  });
});
