// Two real server processes (`npm run server` with MESSENGER_DB_URL and MESSENGER_REDIS_URL)
// on one PostgreSQL database and one Redis: live delivery, viewing and presence across them,
// and a SIGTERM that disconnects only that node's sockets.
import crypto from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { newClientId } from '../support/chat-helpers.js';
import { EventLog, postJson, register, request } from '../support/clients.js';
import { cleanUpServersAndSockets, startServerProcess } from '../support/process.js';
import { tempDir } from '../support/server.js';

async function freshDatabase(): Promise<string> {
  const admin = process.env.MESSENGER_TEST_PG_URL!;
  const name = `p_${crypto.randomBytes(8).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return Object.assign(new URL(admin), { pathname: `/${name}` }).href;
}

describe('two server processes', () => {
  const open = cleanUpServersAndSockets();

  it('share one database and carry events, viewing and presence between them', async () => {
    const env = {
      MESSENGER_DB_URL: await freshDatabase(),
      MESSENGER_REDIS_URL: process.env.MESSENGER_TEST_REDIS_URL!,
      // Nodes on one database share one files folder (else the second refuses to start).
      MESSENGER_FILES_DIR: tempDir(),
    };
    // Started together: one of them creates the schema under the migration lock.
    const [one, two] = await Promise.all([
      startServerProcess(['--port', '0'], { env }),
      startServerProcess(['--port', '0'], { env }),
    ]);
    const alice = await register(one.url);
    // Registered on one node, signed in on the other: one database.
    expect((await postJson(`${two.url}/api/login`, { name: alice.user.name, password: 'correct horse' })).status).toBe(
      200,
    );
    const bob = await register(two.url);
    const carol = await register(two.url);

    const aliceSocket = await open(one.url, alice.token);
    const aliceLog = new EventLog(aliceSocket);
    // Presence reaches only watchers; node one tells alice about bob and carol on node two.
    const watched = await request(aliceSocket, 'presence:watch', { ids: [bob.user.id, carol.user.id] });
    expect(watched).toEqual({ ok: true, online: [] });
    const bobSocket = await open(two.url, bob.token);
    const bobLog = new EventLog(bobSocket);
    expect(await aliceLog.waitFor('presence', (p) => p.id === bob.user.id)).toEqual({ id: bob.user.id, online: true });
    const users = await request(aliceSocket, 'users:list');
    expect(users.users.find((u: { id: number }) => u.id === bob.user.id)).toMatchObject({ online: true });

    // Live delivery from node one to node two; unread counts while bob is not viewing…
    const first = await request(aliceSocket, 'message:send', {
      to: bob.user.id,
      clientId: newClientId(),
      content: 'hi',
    });
    expect(first.ok).toBe(true);
    const delivered = await bobLog.waitFor('message:new');
    expect(delivered.chat).toMatchObject({ unread: 1, lastSeq: 1 });
    // …and not while he views the chat on the other node. Node one hears of the view before it
    // hears of anything node two publishes later, such as a new user coming online there.
    await request(bobSocket, 'chat:open', { who: alice.user.id });
    await open(two.url, carol.token);
    await aliceLog.waitFor('presence', (p) => p.id === carol.user.id && p.online);
    await request(aliceSocket, 'message:send', { to: bob.user.id, clientId: newClientId(), content: 'seen' });
    expect((await bobLog.waitFor('message:new', (p) => p.message.content === 'seen')).chat).toMatchObject({
      unread: 0,
      lastSeq: 2,
    });
    // Typing reaches the viewer on the other node.
    await request(aliceSocket, 'typing', { to: bob.user.id });
    expect(await bobLog.waitFor('typing')).toEqual({ from: alice.user.id });

    // SIGTERM on node two disconnects its sockets only; node one sees bob go offline.
    const offline = aliceLog.waitFor('presence', (p) => p.id === bob.user.id && !p.online, 5000);
    await two.stop();
    await offline;
    expect(aliceSocket.connected).toBe(true);
    expect((await request(aliceSocket, 'chats:list')).ok).toBe(true);
  });
});
