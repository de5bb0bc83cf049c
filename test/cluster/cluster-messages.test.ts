// The events addressed to users cross the cluster in one Redis publication per send (both
// copies in it, server/cluster/user-deliveries.ts), each socket gets its own user's copy once,
// and a node holding no socket of either user leaves the publication undecoded.
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Changes, request } from '../support/clients.js';
import { newClientId } from '../support/chat-helpers.js';
import { startTestCluster, tempDir, type TestServer } from '../support/server.js';
import { World } from '../support/world.js';

describe('cluster messages', () => {
  let world: World | undefined;
  let monitor: Redis | undefined;
  afterEach(async () => {
    monitor?.disconnect();
    await world?.close();
    world = monitor = undefined;
  });

  it('sends both copies of a send in one publication, decoded only where a socket of its users is', async () => {
    const redisUrl = process.env.MESSENGER_TEST_REDIS_URL!;
    const prefix = `t${crypto.randomBytes(6).toString('hex')}`;
    const server: TestServer = await startTestCluster(
      { port: 0, host: '127.0.0.1', sendRate: 0, dataDir: tempDir(), redisPrefix: prefix },
      3,
    );
    world = World.of(server);
    const alice = await world.person('alice'); // node 0
    const bob = await world.person('bob'); // node 1
    const aliceOnNode1 = await world.addDevice(alice); // node 1, with bob
    // Node 2 holds no socket of alice or bob.
    await world.synced();

    // Every PUBLISH Redis runs from here on, in the order it runs them.
    // (monitor() opens a connection of its own; this client never connects.)
    monitor = await new Redis(redisUrl, { lazyConnect: true }).monitor();
    const published: string[] = [];
    const heard = new Changes();
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() !== 'publish' || !args[1]?.startsWith(prefix)) return;
      published.push(args[1]);
      heard.notify();
    });
    const counts = () => server.nodes.map((node) => ({ ...node.deliveryCounts! }));
    const before = counts();

    const clientId = newClientId('one');
    const ack = await request(alice.socket, 'message:send', { to: bob.id, clientId, content: 'one publication' });
    expect(ack.ok).toBe(true);

    // A publication of the test's own behind the send's (Redis runs them in order): it names a
    // user no node has a socket of, so every node counts it received and none decodes it.
    const usersChannel = `${prefix}:users`;
    const marker = `${prefix}:end`;
    const sender = new Redis(redisUrl);
    try {
      await sender.publish(usersChannel, 'test 0\nnot even JSON');
      await sender.publish(marker, '');
    } finally {
      sender.disconnect();
    }
    await heard.until(
      () => published.includes(marker),
      () => `MONITOR saw ${JSON.stringify(published)}`,
    );
    const sendPublications = published.slice(0, published.lastIndexOf(usersChannel));
    // The cluster channel carries viewing and presence snapshots on a timer, not the send.
    expect(sendPublications.filter((channel) => channel !== `${prefix}:cluster`)).toEqual([usersChannel]);

    await vi.waitFor(() => expect(counts().map((c, i) => c.received - before[i]!.received)).toEqual([2, 2, 2]));
    const decoded = counts().map((c, i) => c.decoded - before[i]!.decoded);
    // Node 0 published it (its own sockets had theirs at once), node 1 holds bob and alice,
    // node 2 neither.
    expect(decoded).toEqual([0, 1, 0]);
    expect(counts()[0]!.published - before[0]!.published).toBe(1);

    // Each socket gets its own user's copy, once.
    await world.delivered([alice.devices[0]!, aliceOnNode1, bob.devices[0]!]);
    const copies = (log: typeof bob.log) =>
      log.events.filter((e) => e.event === 'message:new' && e.payload.message.clientId === clientId);
    for (const log of [alice.log, aliceOnNode1.log]) {
      expect(copies(log).map((e) => [e.payload.chat.user, e.payload.chat.who])).toEqual([[alice.id, bob.id]]);
    }
    expect(copies(bob.log).map((e) => [e.payload.chat.user, e.payload.chat.who])).toEqual([[bob.id, alice.id]]);
  });
});
