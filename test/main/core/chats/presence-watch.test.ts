// The core watches the presence of its chats' peers and the directory's contacts
// (presence:watch), and watches them again on the new socket after every reconnect.
import { describe, expect, it } from 'vitest';
import { connect, register, uniqueName } from '../../../support/clients.js';
import { eventually, useServerAndCores, type TestCore } from '../../../support/cores.js';
import { startTestServer } from '../../../support/server.js';

describe('the core watching presence', () => {
  const world = useServerAndCores();

  const watching = (user: number) => world.server.watchers.watcherCount(user);
  const presenceOf = (core: TestCore, id: number) =>
    core.events.filter((e) => e.event === 'presence' && e.payload.id === id).map((e) => e.payload.online as boolean);

  it("watches a chat's peer and hears them come and go", async () => {
    const alice = await world.signedUp('alice');
    const bob = await register(world.server.url, uniqueName('bob'));
    expect(watching(bob.user.id)).toBe(0);
    await alice.core.call('openChat', { who: bob.user.id });
    await eventually(() => watching(bob.user.id) === 1, 'the watch of the new chat');

    const bobSocket = await connect(world.server.url, bob.token);
    await eventually(() => presenceOf(alice.core, bob.user.id).includes(true), 'bob online');
    bobSocket.close();
    await eventually(() => presenceOf(alice.core, bob.user.id).at(-1) === false, 'bob offline');
  });

  it('watches the contacts the directory listed', async () => {
    const alice = await world.signedUp('alice');
    const carol = await world.signedUp('carol');
    const dave = await register(world.server.url, uniqueName('dave'));
    await alice.core.call('listUsers');
    await eventually(() => watching(carol.id) === 1 && watching(dave.user.id) === 1, 'the watch of the contacts');
  });

  it('sends the watch again after a reconnect, with the state of each peer', async () => {
    const alice = await world.signedUp('alice');
    const bob = await register(world.server.url, uniqueName('bob'));
    await alice.core.call('openChat', { who: bob.user.id });
    await eventually(() => watching(bob.user.id) === 1, 'the first watch');

    const { port, dataDir } = world.server;
    await world.server.close();
    await eventually(() => alice.core.last('connection') === 'offline', 'offline');
    world.server = await startTestServer({ port, dataDir });
    // Bob is online on the new server before alice's core is back: the watch's answer says so.
    const bobSocket = await connect(world.server.url, bob.token);
    await eventually(() => alice.core.last('connection') === 'online', 'back online');
    expect(watching(bob.user.id)).toBe(1);
    expect(presenceOf(alice.core, bob.user.id).at(-1)).toBe(true);
    bobSocket.close();
  });
});
