// Deactivation in a cluster: an admin's change on node 1 (over HTTP, or written straight to the
// database as `npm run admin --db-url` does) disconnects the user's socket on node 2, and their
// token is refused on every node; a deleted account is no one to write to on any node. The time
// to the disconnect is printed, not asserted.
import { afterEach, expect, it } from 'vitest';
import { connect, postJson, register, request, uniqueName, type ClientSocket } from '../support/clients.js';
import { eventually } from '../support/cores.js';
import { whenDisconnected } from '../support/raw-sockets.js';
import { startTestCluster, tempDir, type TestServer } from '../support/server.js';
import { PostgresStore } from '../../server/store/postgres/postgres-store.js';

let server: TestServer | undefined;
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server?.close();
  server = undefined;
});

async function cluster() {
  server = await startTestCluster({ port: 0, host: '127.0.0.1', sendRate: 0, dataDir: tempDir() }, 2);
  const [one, two] = server.nodes as [TestServer['nodes'][0], TestServer['nodes'][0]];
  const boss = await register(one.url, uniqueName('boss'));
  const member = await register(one.url, uniqueName('member'));
  const socket = await connect(two.url, member.token);
  sockets.push(socket);
  expect(two.io.sockets.sockets.has(socket.id!)).toBe(true);
  return { one, two, boss, member, socket };
}

async function expectRefused(nodes: TestServer['nodes'], token: string, name: string): Promise<void> {
  for (const node of nodes) {
    await expect(connect(node.url, token)).rejects.toThrow('unauthorized');
    expect((await postJson(`${node.url}/api/login`, { name, password: 'correct horse' })).status).toBe(403);
  }
}

it('deactivate over HTTP on node 1 disconnects the user on node 2', async () => {
  const { one, boss, member, socket } = await cluster();
  const disconnected = whenDisconnected(socket).then((reason) => ({ reason, at: performance.now() }));
  const answer = await fetch(`${one.url}/api/admin/users/${member.user.id}/deactivate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${boss.token}` },
  });
  const answeredAt = performance.now();
  expect(answer.status).toBe(200);
  const { reason, at } = await disconnected;
  expect(reason).toBe('io server disconnect');
  process.stdout.write(
    `cluster: HTTP deactivate answered → socket on node 2 disconnected in ${(at - answeredAt).toFixed(1)} ms\n`,
  );
  await expectRefused(server!.nodes, member.token, member.user.name);
});

it('deactivate written to the database (npm run admin) disconnects the user on node 2 by its access watch', async () => {
  const { member, socket } = await cluster();
  const store = await PostgresStore.open(server!.dbUrl!, { poolSize: 1 });
  try {
    const disconnected = whenDisconnected(socket).then((reason) => ({ reason, at: performance.now() }));
    const outcome = await store.setAccountState(member.user.id, 'deactivated', Date.now());
    const writtenAt = performance.now();
    expect(outcome.kind).toBe('updated');
    const { reason, at } = await disconnected;
    expect(reason).toBe('io server disconnect');
    process.stdout.write(
      `cluster: deactivate written to PostgreSQL → socket on node 2 disconnected in ${(at - writtenAt).toFixed(1)} ms\n`,
    );
  } finally {
    await store.close();
  }
  await expectRefused(server!.nodes, member.token, member.user.name);
});

it('a deleted account is no one to write to on every node, once the access watch has seen it', async () => {
  const { one, two, socket } = await cluster();
  const leaver = await register(one.url, uniqueName('leaver'));
  let n = 0;
  const send = () => request(socket, 'message:send', { to: leaver.user.id, clientId: `c${++n}`, content: 'hi' });
  // Node 2 now knows the leaver as a user it may write to.
  expect((await send()).ok).toBe(true);
  const deleted = await fetch(`${one.url}/api/account/delete`, {
    method: 'POST',
    headers: { authorization: `Bearer ${leaver.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'correct horse' }),
  });
  expect(deleted.status).toBe(204);
  // Node 2 learns of it from the access-change log within one poll (250 ms).
  const refused = await eventually(async () => {
    const answer = await send();
    return !answer.ok && answer.error;
  }, 'node 2 to refuse writing to the deleted account');
  expect(refused).toMatchObject({ code: 'not_found' });
  expect(two.io.sockets.sockets.has(socket.id!)).toBe(true);
});
