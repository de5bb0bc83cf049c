// Where a user's avatar id shows besides its own routes: GET /api/account, users:list, and the
// user:updated a rename sends (which must carry it, since an update without one means "none").
// The avatar is set through the store here; the HTTP routes that set it have their own tests.
import { afterEach, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { request } from '../support/clients.js';
import { ok } from '../support/chat-helpers.js';
import { startTestServer, tempDir } from '../support/server.js';
import { World } from '../support/world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function account(token: string, method = 'GET', path = '/api/account', body?: unknown) {
  const response = await fetch(`${world!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

it('shows the current avatar in the account, the user list and a rename’s update', async () => {
  const dataDir = tempDir();
  const store = new SqliteStore(dataDir);
  world = World.of(await startTestServer({ dataDir, store }));
  const ann = await world.person('ann');
  const bob = await world.person('bob');
  await ok(ann.socket, 'message:send', { to: bob.id, clientId: 'c1', content: 'hi' });

  expect((await account(ann.token)).body).not.toHaveProperty('avatar');
  await store.setAvatar(ann.id, { id: 'face-1', userId: ann.id, blobKey: 'k1', mime: 'image/png' });
  expect((await account(ann.token)).body).toMatchObject({ id: ann.id, avatar: 'face-1' });
  const listed = (await request(bob.socket, 'users:list', {})).users as Array<{ id: number; avatar?: string }>;
  expect(listed.find((user) => user.id === ann.id)?.avatar).toBe('face-1');
  expect(listed.find((user) => user.id === bob.id)).toBeUndefined();

  const renamed = await account(ann.token, 'POST', '/api/account/name', { name: `${ann.name}x` });
  expect(renamed.body).toMatchObject({ name: `${ann.name}x`, avatar: 'face-1' });
  expect(await bob.log.waitFor('user:updated')).toEqual({ id: ann.id, name: `${ann.name}x`, avatar: 'face-1' });
});
