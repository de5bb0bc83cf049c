// close() lets HTTP requests that are already being handled finish, and closes idle keep-alive
// connections at once, so they cannot hold the shutdown open.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { nameKey } from '../../protocol/schemas.js';
import { postJson, uniqueName } from '../support/clients.js';
import { startTestServer, tempDir } from '../support/server.js';

describe('graceful close', () => {
  it('finishes a registration in progress before closing the store', async () => {
    const dataDir = tempDir();
    const store = new SqliteStore(dataDir);
    let reachedStore!: () => void;
    const inStore = new Promise<void>((resolve) => (reachedStore = resolve));
    const createUser = store.createUser.bind(store);
    store.createUser = (...args) => {
      reachedStore();
      return createUser(...args);
    };
    const server = await startTestServer({ dataDir, store });
    const name = uniqueName('late');
    const registering = postJson(`${server.url}/api/register`, { name, password: 'long enough' });
    await inStore;
    await server.close();
    expect((await registering).status).toBe(201);
    const reopened = new SqliteStore(dataDir);
    expect(await reopened.findLogin(nameKey(name))).not.toBeNull();
    await reopened.close();
  });

  it('closes an idle keep-alive connection as soon as it starts, while a request still runs', async () => {
    const dataDir = tempDir();
    const store = new SqliteStore(dataDir);
    let reachedStore!: () => void;
    const inStore = new Promise<void>((resolve) => (reachedStore = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const createUser = store.createUser.bind(store);
    store.createUser = async (...args) => {
      reachedStore();
      await held;
      return createUser(...args);
    };
    const server = await startTestServer({ dataDir, store });
    const { port } = new URL(server.url);
    const connection = net.connect({ host: '127.0.0.1', port: Number(port) });
    let received = '';
    connection.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const ended = new Promise<void>((resolve) => connection.on('close', () => resolve()));
    connection.on('error', () => undefined);
    const get = 'GET /healthz HTTP/1.1\r\nhost: test\r\nconnection: keep-alive\r\n\r\n';
    connection.write(get);
    await new Promise<void>((resolve) => connection.once('data', () => resolve()));
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    received = '';

    const registering = postJson(`${server.url}/api/register`, { name: uniqueName('held'), password: 'long enough' });
    await inStore;
    const closing = server.close();
    // Had the connection stayed open, this request would be answered 503 "shutting down".
    connection.write(get);
    await ended;
    expect(received).toBe('');

    release();
    await closing;
    expect((await registering).status).toBe(201);
  });
});
