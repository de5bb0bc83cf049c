// close() lets HTTP requests that are already being handled finish, and a keep-alive
// connection does not hold the shutdown open.
import http from 'node:http';
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

  it('does not wait for idle keep-alive connections', async () => {
    const server = await startTestServer();
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      http.get(`${server.url}/healthz`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject),
    );
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(3000);
    agent.destroy();
  });
});
