// Redis dies in the middle of a conversation between two people on two nodes and comes back
// on the same port: sends keep being stored and acknowledged meanwhile (PostgreSQL holds
// them; only live events to the other node are lost), the nodes reconnect by themselves, live
// delivery and presence across nodes work again, and no acknowledged message is lost.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { Changes, request } from '../support/clients.js';
import { newClientId } from '../support/chat-helpers.js';
import { checkPairRecords, readRecord, type SentMessage } from '../support/records.js';
import { startTestCluster, tempDir, type TestServer } from '../support/server.js';
import { startRedis, type RedisService } from '../support/services.js';
import { World } from '../support/world.js';

describe('Redis restart', () => {
  let redis: RedisService | undefined;
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    await redis?.stop();
    world = undefined;
    redis = undefined;
  });

  it('keeps every acknowledged message and recovers live delivery and presence', async () => {
    // A Redis of its own: the shared one must not die under the other test files.
    redis = await startRedis();
    const server: TestServer = await startTestCluster(
      { port: 0, host: '127.0.0.1', sendRate: 0, dataDir: tempDir(), redisUrl: redis.url, clusterHeartbeatMs: 300 },
      2,
    );
    world = World.of(server);
    const alice = await world.person('alice'); // node 0
    const bob = await world.person('bob'); // node 1
    await world.watch(alice.devices[0]!, [bob]);
    expect(server.nodes[0]!.url).not.toBe(server.nodes[1]!.url);

    const sent: SentMessage[] = [];
    const acked: Message[] = [];
    const failed: unknown[] = [];
    const answered = new Changes();
    const sendOne = async (from: 'alice' | 'bob', label: string) => {
      const [me, other] = from === 'alice' ? [alice, bob] : [bob, alice];
      const clientId = newClientId(label);
      const content = `${from} ${label}`;
      sent.push({ from: me.id, clientId, content });
      const ack = await request(me.socket, 'message:send', { to: other.id, clientId, content });
      if (ack.ok) acked.push(ack.message as Message);
      else failed.push(ack);
      answered.notify();
    };
    const ackedAtLeast = (count: number, what: string) =>
      answered.until(
        () => acked.length >= count || failed.length > 0,
        () => `${what}: ${acked.length} of ${count} acks, failures ${JSON.stringify(failed)}`,
        20_000,
      );

    // Before: live delivery across nodes.
    await sendOne('alice', 'before');
    await bob.log.waitFor('message:new', (p) => p.message.content === 'alice before');

    // Both keep talking while Redis is killed and started again, round after round.
    let talking = true;
    let round = 0;
    const conversation = (async () => {
      for (; talking; round++) await Promise.all([sendOne('alice', `a${round}`), sendOne('bob', `b${round}`)]);
    })();
    await ackedAtLeast(10, 'talking before Redis died');
    await redis.kill();
    const atKill = acked.length;
    await ackedAtLeast(atKill + 10, 'sends acknowledged while Redis was down');
    await redis.restart();

    // After: the adapter subscribes again by itself, so a message Alice sends from now on
    // (node 0) reaches Bob (node 1) live again.
    const firstAfter = round;
    const liveAgain = bob.log.waitFor(
      'message:new',
      (p) => /^alice a\d+$/.test(p.message.content) && Number(p.message.content.slice(7)) >= firstAfter,
      15_000,
    );
    await liveAgain.finally(() => (talking = false));
    await conversation;
    expect(failed, 'sends refused while Redis was down').toEqual([]);

    // Presence across nodes: bob (node 1) leaving is seen by alice (node 0), and users:list agrees.
    // Had Redis stayed down past the nodes' expiry, alice saw bob go offline and come back with
    // node 1's next snapshot: her last word on bob must say online before he leaves, and only
    // what she hears after that counts.
    const aboutBob = () => alice.log.of('presence').filter((p) => p.id === bob.id);
    await alice.log.until(() => aboutBob().at(-1)?.online !== false, "alice's last presence of bob says online");
    const heardBefore = aboutBob().length;
    const heardLeave = () =>
      aboutBob()
        .slice(heardBefore)
        .some((p) => !p.online);
    bob.socket.close();
    await alice.log.until(heardLeave, 'alice hears bob leave', 5000);
    const list = await request(alice.socket, 'users:list');
    expect(list.users.find((u: { id: number }) => u.id === bob.id)).toMatchObject({ online: false });

    // No acknowledged message is lost, nothing is stored twice, both records agree.
    const bobAgain = await world.device(bob.token);
    const records: [Message[], Message[]] = [
      await readRecord(alice.socket, bob.id),
      await readRecord(bobAgain.socket, alice.id),
    ];
    checkPairRecords({ owners: [alice.id, bob.id], records, sent, acked });
    expect(acked.length).toBeGreaterThan(10);
  });
});
