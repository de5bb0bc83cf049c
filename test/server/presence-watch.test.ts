// presence:watch: a socket hears the presence of the users it watches, and nobody else's
// (docs/protocol.md § presence:watch). In the cluster run the people sit on both nodes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app.js';
import { connect, register, request, uniqueName, type ClientSocket } from '../support/clients.js';
import { fails } from '../support/chat-helpers.js';
import { ManualTimers } from '../support/manual-timers.js';
import { tempDir } from '../support/server.js';
import { World, type Person } from '../support/world.js';

describe('presence:watch', () => {
  let world: World;
  beforeEach(async () => {
    world = await World.start();
  });
  afterEach(() => world.close());

  const presenceOf = (person: Person) => person.log.of('presence');

  it('tells a watcher about the users it watches, and a non-watcher nothing', async () => {
    const alice = await world.person('alice');
    const carol = await world.person('carol');
    const bob = await register(world.url, uniqueName('bob'));
    const dave = await register(world.url, uniqueName('dave'));
    expect(await world.watch(alice.devices[0]!, [bob.user])).toEqual({ ok: true, online: [] });

    const bobDevice = await world.device(bob.token);
    await world.device(dave.token);
    expect(await alice.log.waitFor('presence')).toEqual({ id: bob.user.id, online: true });
    await world.disconnect(bobDevice);
    expect(await alice.log.waitFor('presence', (p) => !p.online)).toEqual({ id: bob.user.id, online: false });

    await world.delivered([...alice.devices, ...carol.devices]);
    expect(presenceOf(alice)).toEqual([
      { id: bob.user.id, online: true },
      { id: bob.user.id, online: false },
    ]);
    expect(presenceOf(carol)).toEqual([]);
  });

  it('answers which of the ids are online, in the order given, without repeats', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const carol = await world.person('carol');
    const dave = await register(world.url, uniqueName('dave'));
    const nobody = Number.MAX_SAFE_INTEGER;
    const ids = [carol.id, dave.user.id, nobody, bob.id, carol.id, alice.id];
    expect(await request(alice.socket, 'presence:watch', { ids })).toEqual({
      ok: true,
      online: [carol.id, bob.id, alice.id],
    });
  });

  it('replaces what the socket watched', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const carol = await world.person('carol');
    await world.watch(alice.devices[0]!, [bob]);
    expect(await world.watch(alice.devices[0]!, [carol])).toEqual({ ok: true, online: [carol.id] });

    await world.disconnect(bob.devices[0]!);
    await world.disconnect(carol.devices[0]!);
    expect(await alice.log.waitFor('presence')).toEqual({ id: carol.id, online: false });
    await world.delivered(alice.devices);
    expect(presenceOf(alice)).toEqual([{ id: carol.id, online: false }]);

    // An empty set watches nobody.
    await world.watch(alice.devices[0]!, []);
    await world.device(carol.token);
    await world.delivered(alice.devices);
    expect(presenceOf(alice)).toHaveLength(1);
  });

  it('refuses more than 1,000 ids or a bad id, and keeps the set it had', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await world.watch(alice.devices[0]!, [bob]);
    const many = Array.from({ length: 1001 }, (_, i) => i + 1);
    await fails(alice.socket, 'presence:watch', { ids: many }, 'bad_request');
    for (const bad of [undefined, {}, { ids: 'x' }, { ids: [0] }, { ids: [1.5] }, { ids: [-1] }, { ids: ['1'] }]) {
      await fails(alice.socket, 'presence:watch', bad, 'bad_request');
    }
    expect(await request(alice.socket, 'presence:watch', { ids: many.slice(0, 1000) })).toMatchObject({ ok: true });
    await world.watch(alice.devices[0]!, [bob]);

    await fails(alice.socket, 'presence:watch', { ids: many }, 'bad_request');
    await world.disconnect(bob.devices[0]!);
    expect(await alice.log.waitFor('presence')).toEqual({ id: bob.id, online: false });
  });

  it('watches per socket: the other devices of the watcher hear nothing', async () => {
    const alice = await world.person('alice');
    const phone = await world.addDevice(alice);
    const bob = await world.person('bob');
    await world.watch(phone, [bob]);
    await world.disconnect(bob.devices[0]!);
    expect(await phone.log.waitFor('presence')).toEqual({ id: bob.id, online: false });
    await world.delivered(alice.devices);
    expect(presenceOf(alice)).toEqual([]);
  });

  it("forgets a socket's watches when it disconnects", async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const phone = await world.addDevice(alice);
    const watching = () => world.server.nodes.reduce((sum, node) => sum + node.watchers.watcherCount(bob.id), 0);
    await world.watch(alice.devices[0]!, [bob]);
    await world.watch(phone, [bob]);
    expect(watching()).toBe(2);
    await world.disconnect(phone);
    expect(watching()).toBe(1);
    await world.disconnect(alice.devices[0]!);
    expect(watching()).toBe(0);
  });

  it('sends no presence to sockets that watch nobody, however many connect', async () => {
    const idle = await Promise.all(Array.from({ length: 15 }, () => world.person('idle')));
    const watcher = await world.person('watcher');
    const newcomers = await Promise.all(Array.from({ length: 15 }, () => register(world.url, uniqueName('new'))));
    const watched = newcomers.slice(0, 5).map((session) => session.user);
    await world.watch(watcher.devices[0]!, watched);

    await Promise.all(newcomers.map((session) => world.device(session.token)));
    await world.delivered([...idle.flatMap((person) => person.devices), ...watcher.devices]);
    for (const person of idle) expect(presenceOf(person)).toEqual([]);
    const heard = presenceOf(watcher).map((event) => event.id);
    expect(heard.sort()).toEqual(watched.map((user) => user.id).sort());
  });
});

describe('presence events are coalesced per user and socket', () => {
  it('sends at most one in a second, and the last state when the second ends', async () => {
    const timers = new ManualTimers();
    const dataDir = tempDir();
    const server = await startServer({ port: 0, host: '127.0.0.1', sendRate: 0, dataDir, timers });
    const world = World.of({ ...server, dataDir, nodes: [server] });
    try {
      const alice = await world.person('alice');
      const bob = await register(world.url, uniqueName('bob'));
      await world.watch(alice.devices[0]!, [bob.user]);
      timers.advance(1000);

      // Online, offline, online, offline within one second: one event at once, the last state later.
      let bobSocket: ClientSocket = await connect(world.url, bob.token);
      expect(await alice.log.waitFor('presence')).toEqual({ id: bob.user.id, online: true });
      for (let flap = 0; flap < 3; flap++) {
        const device = { socket: bobSocket, log: alice.log };
        await world.disconnect(device);
        if (flap < 2) bobSocket = await connect(world.url, bob.token);
      }
      await world.delivered(alice.devices);
      expect(alice.log.of('presence')).toEqual([{ id: bob.user.id, online: true }]);

      timers.advance(999);
      await world.delivered(alice.devices);
      expect(alice.log.of('presence')).toHaveLength(1);
      timers.advance(1);
      expect(await alice.log.waitFor('presence', (p) => !p.online)).toEqual({ id: bob.user.id, online: false });
      await world.delivered(alice.devices);
      expect(alice.log.of('presence')).toEqual([
        { id: bob.user.id, online: true },
        { id: bob.user.id, online: false },
      ]);
    } finally {
      await world.close();
    }
  });
});
