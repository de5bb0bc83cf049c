// Oversize packets, odd event names, requests without callbacks, and per-socket ordering.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request, type ClientSocket } from '../support/clients.js';
import { whenDisconnected, writeRaw } from '../support/raw-sockets.js';
import { World } from '../support/world.js';

const emitRaw = (socket: ClientSocket, ...args: unknown[]) =>
  (socket.emit as unknown as (...a: unknown[]) => void).apply(socket, args);

/** Emits `args` with an ack callback; rejects when no ack comes within 2 s. */
const ackOf = (socket: ClientSocket, ...args: unknown[]) =>
  new Promise<any>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${JSON.stringify(args)}`)), 2000);
    emitRaw(socket, ...args, (ack: unknown) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });

describe('socket robustness', () => {
  let world: World;
  beforeEach(async () => {
    world = await World.start();
  });
  afterEach(() => world.close());

  describe('packet size', () => {
    it('closes only the socket that sent a packet over 64 KiB', async () => {
      const alice = await world.person('alice');
      const alicePhone = await world.addDevice(alice);
      const bob = await world.person('bob');
      await world.watch(bob.devices[0]!, [alice]);

      const closed = whenDisconnected(alice.socket);
      // Extra fields are ignored, so this send would be stored if the packet were read.
      alice.socket.emit('message:send', {
        to: bob.id,
        clientId: 'huge',
        content: 'would be stored',
        pad: 'x'.repeat(70 * 1024),
      } as never);
      expect(await closed).toMatch(/transport (close|error)/);

      // The server and the other sockets carry on.
      expect(alicePhone.socket.connected).toBe(true);
      const fromPhone = await request(alicePhone.socket, 'message:send', {
        to: bob.id,
        clientId: 'small',
        content: 'hi',
      });
      expect(fromPhone.ok).toBe(true);
      expect(fromPhone.message.seq).toBe(1);
      const history = await request(bob.socket, 'chat:history', { who: alice.id });
      expect(history.messages.map((m: any) => m.clientId)).toEqual(['small']);
      const carol = await world.person('carol');
      expect((await request(carol.socket, 'users:list')).ok).toBe(true);
      expect((await fetch(`${world.url}/healthz`)).status).toBe(200);
      // Alice kept a socket, so she never went offline: an offline would have reached Bob
      // before the barrier.
      await world.delivered(bob.devices);
      expect(bob.log.of('presence').filter((p) => p.id === alice.id)).toEqual([]);
    });

    it('serves a packet just under 64 KiB', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      const content = 'é'.repeat(4000);
      const payload = { to: bob.id, clientId: 'big', content, pad: 'p'.repeat(56 * 1024) };
      const packetBytes = Buffer.byteLength(`421["message:send",${JSON.stringify(payload)}]`);
      expect(packetBytes).toBeGreaterThan(63 * 1024);
      expect(packetBytes).toBeLessThan(64 * 1024);
      const ack = await request(alice.socket, 'message:send', payload);
      expect(ack.ok).toBe(true);
      expect(ack.message.content).toBe(content);
      expect(alice.socket.connected).toBe(true);
      expect((await bob.log.waitFor('message:new')).message.content).toBe(content);
    });
  });

  describe('odd event names', () => {
    it('answers an unknown event with an ack with bad_request and keeps the socket', async () => {
      const alice = await world.person('alice');
      const odd = [
        'nope',
        'error',
        '__proto__',
        'constructor',
        'hasOwnProperty',
        'toString',
        'presence',
        'message:new',
        '',
      ];
      for (const event of odd) {
        const ack = await ackOf(alice.socket, event, { who: 1 });
        expect(ack, event).toMatchObject({ ok: false, error: { code: 'bad_request' } });
        expect(ack.error.message.length).toBeGreaterThan(0);
      }
      const noPayload = await ackOf(alice.socket, 'unknown:event');
      expect(noPayload).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      const manyArgs = await ackOf(alice.socket, 'nope', 1, 2, 3);
      expect(manyArgs).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(alice.socket.connected).toBe(true);
      expect((await request(alice.socket, 'users:list')).ok).toBe(true);
    });

    it('answers a numeric event name with bad_request and keeps serving', async () => {
      const alice = await world.person('alice');
      for (const event of [1, 0, -5, 1.5]) {
        const ack = await ackOf(alice.socket, event, { who: 1 });
        expect(ack, String(event)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      }
      emitRaw(alice.socket, 7, {});
      // Requests are handled in order, so this ack comes after the event above was.
      expect(alice.socket.connected).toBe(true);
      expect((await request(alice.socket, 'users:list')).ok).toBe(true);
    });

    it('survives reserved event names sent as raw packets, with presence intact', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      await world.watch(bob.devices[0]!, [alice]);
      const reserved = ['disconnect', 'connect', 'connect_error', 'disconnecting', 'newListener', 'removeListener'];
      for (const [i, name] of reserved.entries()) {
        const device = await world.addDevice(alice);
        // The parser refuses a reserved name, and the server closes that one connection.
        const closed = whenDisconnected(device.socket);
        writeRaw(device.socket, `42["${name}","forced"]`);
        writeRaw(device.socket, `42${i + 100}["${name}",{}]`);
        expect(await closed, name).toBe('transport close');
        // The rest of the server is unaffected and Alice is still online.
        const list = await request(bob.socket, 'users:list');
        expect(list.users.find((u: any) => u.id === alice.id)?.online, name).toBe(true);
        expect((await request(alice.socket, 'chats:list')).ok).toBe(true);
        expect(
          bob.log.of('presence').filter((p) => p.id === alice.id && !p.online),
          name,
        ).toEqual([]);
      }
      // Closing all of Alice's sockets makes her offline exactly once.
      for (const device of alice.devices) device.socket.close();
      expect(await bob.log.waitFor('presence', (p) => p.id === alice.id && !p.online)).toEqual({
        id: alice.id,
        online: false,
      });
      const list = await request(bob.socket, 'users:list');
      expect(list.users.find((u: any) => u.id === alice.id)?.online).toBe(false);
      // A second offline would have reached Bob before the online of her coming back.
      await world.device(alice.token);
      await bob.log.waitFor('presence', (p) => p.id === alice.id && p.online);
      expect(bob.log.of('presence').filter((p) => p.id === alice.id && !p.online)).toHaveLength(1);
    });
  });

  describe('requests without a callback', () => {
    it('are still carried out', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      alice.socket.emit('message:send', { to: bob.id, clientId: 'no-ack', content: 'fire and forget' });
      const got = await bob.log.waitFor('message:new');
      expect(got.message).toMatchObject({ clientId: 'no-ack', content: 'fire and forget', user: alice.id });
      const history = await request(alice.socket, 'chat:history', { who: bob.id });
      expect(history.messages.map((m: any) => m.content)).toEqual(['fire and forget']);

      alice.socket.emit('chat:delete', { who: bob.id });
      const chats = await request(alice.socket, 'chats:list');
      expect(chats.chats).toEqual([]);
      // A bad request without a callback is harmless too.
      alice.socket.emit('message:send', { to: 'nobody' } as never);
      expect((await request(alice.socket, 'users:list')).ok).toBe(true);
    });
  });

  describe('ordering', () => {
    it('carries out a send before the history request sent right after it', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      const sent = request(alice.socket, 'message:send', { to: bob.id, clientId: 'first', content: 'one' });
      const history = request(alice.socket, 'chat:history', { who: bob.id });
      const [sendAck, page] = await Promise.all([sent, history]);
      expect(sendAck.ok).toBe(true);
      expect(page.messages.map((m: any) => m.clientId)).toEqual(['first']);
    });

    it('carries out 20 sends in order before chats:list', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      const sends = Array.from({ length: 20 }, (_, i) =>
        request(alice.socket, 'message:send', { to: bob.id, clientId: `o${i + 1}`, content: `message ${i + 1}` }),
      );
      const listed = request(alice.socket, 'chats:list');
      const acks = await Promise.all(sends);
      expect(acks.map((a) => a.message.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const { chats } = await listed;
      expect(chats).toHaveLength(1);
      expect(chats[0]).toMatchObject({ who: bob.id, lastSeq: 20, last: { clientId: 'o20', seq: 20 } });
    });

    it('keeps delete and send in the order sent', async () => {
      const alice = await world.person('alice');
      const bob = await world.person('bob');
      const steps = [
        request(alice.socket, 'message:send', { to: bob.id, clientId: 'a1', content: 'one' }),
        request(alice.socket, 'message:send', { to: bob.id, clientId: 'a2', content: 'two' }),
        request(alice.socket, 'chat:delete', { who: bob.id }),
        request(alice.socket, 'message:send', { to: bob.id, clientId: 'a3', content: 'three' }),
        request(alice.socket, 'chat:history', { who: bob.id }),
      ];
      const results = await Promise.all(steps);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results[3].message.seq).toBe(1);
      expect(results[4].messages.map((m: any) => m.clientId)).toEqual(['a3']);
    });
  });
});
