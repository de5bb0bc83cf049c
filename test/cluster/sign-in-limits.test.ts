// The sign-in limits across nodes: failed logins for a name, failed logins and registrations
// from an address, counted over both nodes of a cluster sharing Redis; a successful login
// ends a name's run of failures on every node. Runs in the cluster run only.
import { afterEach, describe, expect, it } from 'vitest';
import type { PasswordHasher } from '../../server/accounts/hashing-queue.js';
import type { ServerOptions } from '../../server/app.js';
import { TestClock } from '../support/chat-helpers.js';
import { startTestCluster, tempDir, type TestServer } from '../support/server.js';
import { World } from '../support/world.js';

const password = 'correct horse';
const quickHasher: PasswordHasher = {
  hash: (text) => Promise.resolve(`plain$${text}`),
  verify: (text, stored) => Promise.resolve(stored === `plain$${text}`),
};

describe('sign-in limits across nodes', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  async function setUp(options: Partial<ServerOptions>) {
    const clock = new TestClock();
    const server: TestServer = await startTestCluster(
      {
        port: 0,
        host: '127.0.0.1',
        sendRate: 0,
        dataDir: tempDir(),
        now: clock.now,
        passwordHasher: quickHasher,
        ...options,
      },
      2,
    );
    world = World.of(server);
    // The helper users that prove both nodes have heard each other are registered now.
    await world.synced();
    const post = async (node: number, path: string, name: string, pass: string) => {
      const response = await fetch(`${server.nodes[node]!.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password: pass }),
      });
      await response.body?.cancel();
      await world!.synced();
      return response.status;
    };
    return {
      clock,
      login: (node: number, name: string, pass = 'wrong password') => post(node, '/api/login', name, pass),
      registerOn: (node: number, name: string) => post(node, '/api/register', name, password),
    };
  }

  it('locks a name after 5 failures on both nodes together, and a login on one node clears it on both', async () => {
    const { clock, login, registerOn } = await setUp({ registerRate: 0 });
    expect(await registerOn(0, 'dana')).toBe(201);
    const failures = [];
    for (let i = 0; i < 5; i++) failures.push(await login(i % 2, 'dana'));
    expect(failures).toEqual([401, 401, 401, 401, 401]);
    expect(await login(0, 'dana', password)).toBe(429);
    expect(await login(1, 'dana', password)).toBe(429);

    clock.advance(30_000);
    expect(await login(1, 'dana', password)).toBe(200);
    const after = [];
    for (let i = 0; i < 4; i++) after.push(await login(0, 'dana'));
    expect(after).toEqual([401, 401, 401, 401]);
  });

  it('counts failed logins and registrations per address over both nodes', async () => {
    // The three helper users of setUp took three of the six registrations.
    const { login, registerOn } = await setUp({ loginRate: 4, registerRate: 6 });
    const logins = [];
    for (let i = 0; i < 5; i++) logins.push(await login(i % 2, `guess${i}`));
    expect(logins).toEqual([401, 401, 401, 401, 429]);
    expect(await login(0, 'guess9')).toBe(429);

    expect([await registerOn(0, 'r0'), await registerOn(1, 'r1'), await registerOn(0, 'r2')]).toEqual([201, 201, 201]);
    expect(await registerOn(1, 'r3')).toBe(429);
    expect(await registerOn(0, 'r4')).toBe(429);
  });
});
