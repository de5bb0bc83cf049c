// The access watch (server/accounts/access-watch.ts): a change written straight to the data, as
// `npm run admin` does from another process, reaches the running server's sockets at its next poll.
import { afterEach, expect, it } from 'vitest';
import { ok } from '../support/chat-helpers.js';
import { connect, register, uniqueName, type ClientSocket } from '../support/clients.js';
import { ManualTimers } from '../support/manual-timers.js';
import { whenDisconnected } from '../support/raw-sockets.js';
import { startTestServer, tempDir, type TestServer } from '../support/server.js';
import { hashPassword } from '../../server/accounts/passwords.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';

let server: TestServer | undefined;
let outside: SqliteStore | undefined;
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await outside?.close();
  await server?.close();
});

it('disconnects the sockets of a user deactivated on the data by another process, at the next poll', async () => {
  const timers = new ManualTimers();
  const dataDir = tempDir();
  server = await startTestServer({ dataDir, store: new SqliteStore(dataDir), timers });
  const admin = await register(server.url, uniqueName('admin'));
  const member = await register(server.url, uniqueName('member'));
  const other = await register(server.url, uniqueName('other'));
  const [mine, theirs] = await Promise.all([connect(server.url, member.token), connect(server.url, other.token)]);
  const bystander = await connect(server.url, admin.token);
  sockets.push(mine, theirs, bystander);

  outside = new SqliteStore(dataDir);
  expect(await outside.setAccountState(member.user.id, 'deactivated', Date.now())).toMatchObject({ kind: 'updated' });
  // Nothing happens until the watch looks: the socket still answers.
  expect((await ok(mine, 'users:list', {})).users.length).toBeGreaterThan(0);
  expect(mine.connected).toBe(true);

  const disconnected = whenDisconnected(mine);
  timers.advance(250);
  expect(await disconnected).toBe('io server disconnect');
  await expect(connect(server.url, member.token)).rejects.toThrow('unauthorized');
  // Only that user's sockets went.
  expect((await ok(theirs, 'users:list', {})).users.map((user: { id: number }) => user.id)).toEqual([admin.user.id]);
  expect(bystander.connected).toBe(true);
});

it('disconnects the sockets of a user whose password was reset on the data, and keeps polling after', async () => {
  const timers = new ManualTimers();
  const dataDir = tempDir();
  server = await startTestServer({ dataDir, store: new SqliteStore(dataDir), timers });
  await register(server.url, uniqueName('admin'));
  const member = await register(server.url, uniqueName('member'));
  outside = new SqliteStore(dataDir);

  for (let round = 0; round < 2; round++) {
    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: member.user.name, password: round === 0 ? 'correct horse' : 'new password 1' }),
    });
    const { token } = (await login.json()) as { token: string };
    const socket = await connect(server.url, token);
    sockets.push(socket);
    const disconnected = whenDisconnected(socket);
    await outside.resetPassword(member.user.id, await hashPassword('new password 1'), Date.now());
    // The next poll is set once the one before has finished.
    if (timers.waiting === 0) await timers.nextTimer();
    timers.advance(250);
    expect(await disconnected).toBe('io server disconnect');
    await expect(connect(server.url, token)).rejects.toThrow('unauthorized');
  }
});
