// `server:closing` (docs/protocol.md §6.7) from an in-process server, so the cluster run checks
// it too: every node tells its own sockets why, before their connections close.
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerClosing } from '../../protocol/contract.js';
import { connect, register, type ClientSocket } from '../support/clients.js';
import { whenDisconnected } from '../support/raw-sockets.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer | undefined;
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server?.close();
  server = undefined;
});

async function listener(url: string, token: string) {
  const notices: ServerClosing[] = [];
  const socket = await connect(url, token, (s) => s.on('server:closing', (notice) => notices.push(notice)));
  sockets.push(socket);
  return { notices, disconnected: whenDisconnected(socket) };
}

describe('server:closing', () => {
  it('reaches every socket on every node once, before its disconnect, with the reason given', async () => {
    server = await startTestServer();
    const alice = await register(server.url);
    const bob = await register(server.url);
    const listeners = await Promise.all(
      server.nodes.flatMap((node) => [listener(node.url, alice.token), listener(node.url, bob.token)]),
    );
    const notice: ServerClosing = { reason: 'restart', message: 'Back in a minute.' };
    const seenAtDisconnect = listeners.map(({ notices, disconnected }) => disconnected.then(() => [...notices]));
    await server.close(notice);
    for (const seen of await Promise.all(seenAtDisconnect)) expect(seen).toEqual([notice]);
    server = undefined;
  });
});
