// Socket.IO handshake, logout, presence and the buddy list (docs/protocol.md § Socket.IO).
import { Fetch } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson, register, request, uniqueName } from '../support/clients.js';
import { LogLines } from '../support/log-lines.js';
import { SocketPool, whenDisconnected } from '../support/raw-sockets.js';
import { World } from '../support/world.js';

describe('socket connections', () => {
  let world: World;
  let pool: SocketPool;
  let log: LogLines;
  beforeEach(async () => {
    log = new LogLines();
    world = await World.start({ logger: log.logger });
    pool = new SocketPool();
  });
  afterEach(async () => {
    pool.closeAll();
    await world.close();
  });

  const logout = (token: string) =>
    fetch(`${world.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  it('logs a socket coming and going at debug, so a reconnect storm writes no line per socket at info', async () => {
    const session = await register(world.url);
    const { socket } = await pool.open(world.url, { token: session.token });
    const user = session.user.id;
    expect(await log.waitFor(new RegExp(`user ${user} connected`))).toMatch(/^\S+ debug /);
    socket.close();
    expect(await log.waitFor(new RegExp(`user ${user} disconnected`))).toMatch(/^\S+ debug /);
    const levels = log.lines.filter((line) => line.includes(`user ${user} `)).map((line) => line.split(' ')[1]);
    expect(levels).toEqual(['info', 'debug', 'debug']); // registered, connected, disconnected
  });

  describe('handshake', () => {
    it('refuses missing, garbage and non-string tokens with connect_error "unauthorized"', async () => {
      const session = await register(world.url);
      const refusedAuth: object[] = [
        {},
        { token: '' },
        { token: 'garbage' },
        { token: `${session.token}x` },
        { token: 'x'.repeat(5000) },
        { token: 12345 },
        { token: null },
        { token: true },
        { token: [session.token] },
        { token: { token: session.token } },
        { other: session.token },
      ];
      for (const auth of refusedAuth) {
        const error = await pool.refused(world.url, auth);
        expect(error.message, JSON.stringify(auth)).toBe('unauthorized');
      }
      // The real token is accepted.
      const ok = await pool.open(world.url, { token: session.token });
      expect(ok.socket.connected).toBe(true);
    });

    it('refuses a revoked token', async () => {
      const session = await register(world.url);
      expect((await logout(session.token)).status).toBe(204);
      const error = await pool.refused(world.url, { token: session.token });
      expect(error.message).toBe('unauthorized');
    });

    it('refuses a handshake that carries Origin, over websocket and polling, as a transport error', async () => {
      const watcher = await world.person('watcher');
      const session = await register(world.url);
      await world.watch(watcher.devices[0]!, [session.user]);
      const auth = { token: session.token };
      const origin = { origin: 'http://evil.example' };
      // The 403 comes from the transport (docs/protocol.md §7), so socket.io-client reports a
      // transport error rather than `unauthorized`.
      const overWebSocket = await pool.refused(world.url, auth, { transports: ['websocket'], extraHeaders: origin });
      expect(overWebSocket.message).toBe('websocket error');
      const overPolling = await pool.refused(world.url, auth, { transports: [Fetch], extraHeaders: origin });
      expect(overPolling.message).toBe('fetch read error');

      // The same polling transport without Origin connects, so the refusals were about Origin.
      const plain = await pool.open(world.url, auth, { transports: [Fetch] });
      const online = { id: session.user.id, online: true };
      expect(await watcher.log.waitFor('presence', (p) => p.id === session.user.id)).toEqual(online);
      plain.socket.close();
      const offline = { id: session.user.id, online: false };
      expect(await watcher.log.waitFor('presence', (p) => p.id === session.user.id && !p.online)).toEqual(offline);
      // Only the accepted socket ever made the user visible: had a refused one connected, its
      // presence would have come before this offline.
      expect(watcher.log.of('presence').filter((p) => p.id === session.user.id)).toEqual([online, offline]);
    });
  });

  describe('logout', () => {
    it("disconnects every socket of that session, and only that session's", async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.watch(alice.devices[0]!, [bob]);
      const bobPhone = await world.addDevice(bob);
      const second = (await postJson(`${world.url}/api/login`, { name: bob.name, password: 'correct horse' })).body;
      const bobLaptop = await world.device(second.token);

      const gone = [whenDisconnected(bob.socket), whenDisconnected(bobPhone.socket)];
      expect((await logout(bob.token)).status).toBe(204);
      expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);

      expect(bobLaptop.socket.connected).toBe(true);
      const ack = await request(bobLaptop.socket, 'message:send', {
        to: alice.id,
        clientId: 'after-logout',
        content: 'still here',
      });
      expect(ack.ok).toBe(true);
      // Bob is still online through the other session.
      const users = await request(alice.socket, 'users:list');
      expect(users.users.find((u: any) => u.id === bob.id)?.online).toBe(true);

      const last = whenDisconnected(bobLaptop.socket);
      expect((await logout(second.token)).status).toBe(204);
      expect(await last).toBe('io server disconnect');
      const offline = { id: bob.id, online: false };
      expect(await alice.log.waitFor('presence')).toEqual(offline);
      // Nothing came before it: the first logout did not make Bob look offline.
      expect(alice.log.of('presence')).toEqual([offline]);
    });
  });

  describe('presence', () => {
    it("tells the watching sockets when a user's first socket connects, and nothing for the second", async () => {
      const alice = await world.person('alice');
      const alicePhone = await world.addDevice(alice);
      const bobSession = await register(world.url, uniqueName('bob'));
      const bobId = bobSession.user.id;
      for (const device of alice.devices) await world.watch(device, [bobSession.user]);

      const bobFirst = await pool.open(world.url, { token: bobSession.token });
      const online = { id: bobId, online: true };
      expect(await alice.log.waitFor('presence')).toEqual(online);
      expect(await alicePhone.log.waitFor('presence')).toEqual(online);

      const bobSecond = await pool.open(world.url, { token: bobSession.token });
      // A socket that watches nobody hears nobody, not even its own user.
      await world.delivered([...alice.devices, bobFirst, bobSecond]);
      for (const events of [bobFirst.log, bobSecond.log]) expect(events.of('presence')).toEqual([]);
      for (const events of [alice.log, alicePhone.log]) expect(events.of('presence')).toEqual([online]);
      // The others hear the offline once Bob's last socket closes; a presence for the second
      // socket would have come before it.
      bobSecond.socket.close();
      bobFirst.socket.close();
      const offline = { id: bobId, online: false };
      for (const events of [alice.log, alicePhone.log]) {
        expect(await events.waitFor('presence', (p) => !p.online)).toEqual(offline);
        expect(events.of('presence')).toEqual([online, offline]);
      }
    });

    it("tells the watchers only when a user's last socket disconnects", async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.watch(alice.devices[0]!, [bob]);
      const bobPhone = await world.addDevice(bob);

      bobPhone.socket.close();
      // The server has handled that disconnect once it logs it; Alice's next ack comes after
      // anything it sent her before.
      await log.waitFor(new RegExp(`user ${bob.id} disconnected`));
      const users = await request(alice.socket, 'users:list');
      expect(users.users.find((u: any) => u.id === bob.id)?.online).toBe(true);
      expect(alice.log.of('presence')).toEqual([]);

      bob.socket.close();
      const offline = { id: bob.id, online: false };
      expect(await alice.log.waitFor('presence')).toEqual(offline);

      // Coming back is a first socket again, and that online comes after any second offline.
      await world.device(bob.token);
      const online = { id: bob.id, online: true };
      expect(await alice.log.waitFor('presence', (p) => p.online)).toEqual(online);
      expect(alice.log.of('presence')).toEqual([offline, online]);
    });
  });

  describe('users:list', () => {
    it('lists everyone but the caller, with online flags and no secrets', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      const carol = await register(world.url, uniqueName('carol'));

      const ack = await request(alice.socket, 'users:list');
      expect(ack.ok).toBe(true);
      const byId = (a: any, b: any) => a.id - b.id;
      const listed = (users: any[]) => users.filter((user) => !world.helperIds.has(user.id)).sort(byId);
      expect(listed(ack.users)).toEqual([
        { id: bob.id, name: bob.name, online: true },
        { id: carol.user.id, name: carol.user.name, online: false },
      ]);
      for (const user of ack.users) expect(Object.keys(user).sort()).toEqual(['id', 'name', 'online']);
      expect(JSON.stringify(ack)).not.toMatch(/password|hash|scrypt|token/i);

      const bobs = await request(bob.socket, 'users:list');
      expect(listed(bobs.users)).toEqual([
        { id: alice.id, name: alice.name, online: true },
        { id: carol.user.id, name: carol.user.name, online: false },
      ]);

      await world.disconnect(bob.devices[0]!);
      await world.synced();
      const after = await request(alice.socket, 'users:list');
      expect(after.users.find((u: any) => u.id === bob.id)).toEqual({ id: bob.id, name: bob.name, online: false });
    });
  });
});
