// The send limit across nodes: a user with a socket on each of two nodes gets the configured
// rate in total, not once per node; the slots come back after the window, and a send that
// fails to be stored gives its slot back on every node. Runs in the cluster run only.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { request, type ClientSocket } from '../support/clients.js';
import { chatWith, fullHistory, newClientId, send, TestClock } from '../support/chat-helpers.js';
import { startTestCluster, tempDir, type TestServer } from '../support/server.js';
import { World, type Person } from '../support/world.js';

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe('send limit across nodes', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  /** Two nodes with `sendRate`; alice has a socket on each, bob one. */
  async function setUp(sendRate: number, clock: TestClock) {
    const server: TestServer = await startTestCluster(
      { port: 0, host: '127.0.0.1', sendRate, dataDir: tempDir(), now: clock.now },
      2,
    );
    world = World.of(server);
    const alice: Person = await world.person('alice');
    const phone = await world.addDevice(alice);
    const bob = await world.person('bob');
    const lanes = [alice.socket, phone.socket];
    // One socket on each node (World spreads a person's devices over the nodes).
    lanes.forEach((socket, node) => expect(server.nodes[node]!.io.sockets.sockets.has(socket.id!)).toBe(true));
    return { server, alice, bob, lanes };
  }

  /**
   * Sends one after the other, alternating between the two nodes; each waits for its ack, and
   * for both nodes to have counted it (a moment later on the other node).
   */
  async function alternate(lanes: ClientSocket[], to: number, count: number, label: string): Promise<string[]> {
    const outcomes: string[] = [];
    for (let i = 0; i < count; i++) {
      const ack = await request(lanes[i % 2]!, 'message:send', {
        to,
        clientId: newClientId(),
        content: `${label}${i}`,
      });
      outcomes.push(ack.ok ? 'ok' : ack.error.code);
      await world!.synced();
    }
    return outcomes;
  }

  it('limits a user with a socket on each node to the configured total, and releases after the window', async () => {
    const clock = new TestClock();
    const { alice, bob, lanes } = await setUp(5, clock);

    // 5 per 10 s in total: three from node 0 and two from node 1, then nothing from either.
    const first = await alternate(lanes, bob.id, 12, 'a');
    expect(first).toEqual([...Array<string>(5).fill('ok'), ...Array<string>(7).fill('rate_limited')]);
    expect((await chatWith(bob.socket, alice.id))!.lastSeq).toBe(5);

    // Still inside the window on both nodes…
    clock.advance(5_000);
    expect(await alternate(lanes, bob.id, 2, 'b')).toEqual(['rate_limited', 'rate_limited']);
    // …and after it, 5 again in total, from both nodes.
    clock.advance(5_001);
    const second = await alternate(lanes, bob.id, 8, 'c');
    expect(second).toEqual([...Array<string>(5).fill('ok'), ...Array<string>(3).fill('rate_limited')]);
    expect((await fullHistory(bob.socket, alice.id)).map((m) => m.content)).toEqual([
      'a0',
      'a1',
      'a2',
      'a3',
      'a4',
      'c0',
      'c1',
      'c2',
      'c3',
      'c4',
    ]);
  });

  it('tells a refused send when the oldest send, admitted on the other node, leaves the window', async () => {
    const clock = new TestClock();
    const { alice, bob, lanes } = await setUp(3, clock);
    const [onZero, onOne] = lanes as [ClientSocket, ClientSocket];
    await send(onZero, bob.id, 'at 0 s');
    clock.advance(1_000);
    await send(onOne, bob.id, 'at 1 s');
    clock.advance(1_000);
    await send(onOne, bob.id, 'at 2 s');
    await world!.synced();
    clock.advance(500);
    // Node 1 counts node 0's send, the oldest: a slot is free when it is 10 s old, 7.5 s from now.
    const refused = { ok: false, error: { code: 'rate_limited', message: expect.any(String), retryAfterMs: 7_500 } };
    expect(await request(onOne, 'message:send', { to: bob.id, clientId: newClientId(), content: 'x' })).toEqual(
      refused,
    );
    expect(await request(onZero, 'message:send', { to: bob.id, clientId: newClientId(), content: 'x' })).toEqual(
      refused,
    );
    clock.advance(7_499);
    expect(await request(onOne, 'message:send', { to: bob.id, clientId: newClientId(), content: 'x' })).toMatchObject({
      ok: false,
      error: { retryAfterMs: 1 },
    });
    clock.advance(1);
    await send(onOne, bob.id, 'at 10 s');
    expect((await fullHistory(bob.socket, alice.id)).map((m) => m.content)).toEqual([
      'at 0 s',
      'at 1 s',
      'at 2 s',
      'at 10 s',
    ]);
  });

  it('gives the slot of a send that failed to be stored back on every node', async () => {
    const clock = new TestClock();
    const { server, alice, bob, lanes } = await setUp(2, clock);
    const [onZero, onOne] = lanes as [ClientSocket, ClientSocket];
    await send(onZero, bob.id, 'stored');
    const bobChat = (await chatWith(bob.socket, alice.id))!;

    // On node 0 the receiver's copy fails after the send took its slot.
    await sql(
      server.dbUrl!,
      `CREATE FUNCTION fail_copy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.chat_id = ${bobChat.id} THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`,
    );
    await sql(
      server.dbUrl!,
      'CREATE TRIGGER fail_receiver_copy BEFORE INSERT ON copies FOR EACH ROW EXECUTE FUNCTION fail_copy()',
    );
    expect(
      await request(onZero, 'message:send', { to: bob.id, clientId: newClientId(), content: 'lost' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    await sql(server.dbUrl!, 'DROP TRIGGER fail_receiver_copy ON copies');
    await world!.synced(); // node 1 has heard of the send and of its refund

    // Node 1 counts one send (the stored one), so alice has one slot left, on either node.
    await send(onOne, bob.id, 'second');
    await world!.synced();
    for (const socket of [onOne, onZero]) {
      const ack = await request(socket, 'message:send', { to: bob.id, clientId: newClientId(), content: 'third' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    }
    expect((await fullHistory(bob.socket, alice.id)).map((m) => m.content)).toEqual(['stored', 'second']);
  });
});
