// presence:watch across two nodes: the node a watcher is connected to tells it when a user on
// the other node comes and goes, and nobody else hears it.
import { afterEach, describe, expect, it } from 'vitest';
import { connect, EventLog, register, uniqueName } from '../support/clients.js';
import { startTestCluster, tempDir, type TestServer } from '../support/server.js';
import { World } from '../support/world.js';

describe('presence:watch in a cluster', () => {
  let world: World | undefined;
  afterEach(() => world?.close());

  it('tells a watcher on node A about a user connecting and leaving on node B', async () => {
    const server: TestServer = await startTestCluster(
      { port: 0, host: '127.0.0.1', sendRate: 0, dataDir: tempDir() },
      2,
    );
    world = World.of(server);
    const [nodeA, nodeB] = server.nodes;
    const alice = await world.person('alice'); // node A
    const carol = await world.person('carol'); // node B: watches nobody
    const isOn = (node: typeof nodeA, socketId: string | undefined) => node!.io.sockets.sockets.has(socketId!);
    expect(isOn(nodeA, alice.socket.id)).toBe(true);
    expect(isOn(nodeB, carol.socket.id)).toBe(true);
    const bob = await register(world.url, uniqueName('bob'));
    expect(await world.watch(alice.devices[0]!, [bob.user])).toEqual({ ok: true, online: [] });

    const bobSocket = await connect(nodeB!.url, bob.token);
    const bobOnB = { socket: bobSocket, log: new EventLog(bobSocket) };
    expect(await alice.log.waitFor('presence')).toEqual({ id: bob.user.id, online: true });
    expect(nodeA!.watchers.watcherCount(bob.user.id)).toBe(1);
    expect(nodeB!.watchers.watcherCount(bob.user.id)).toBe(0);

    await world.disconnect(bobOnB);
    expect(await alice.log.waitFor('presence', (p) => !p.online)).toEqual({ id: bob.user.id, online: false });
    await world.delivered([...alice.devices, ...carol.devices]);
    expect(alice.log.of('presence')).toEqual([
      { id: bob.user.id, online: true },
      { id: bob.user.id, online: false },
    ]);
    expect(carol.log.of('presence')).toEqual([]);
  });
});
