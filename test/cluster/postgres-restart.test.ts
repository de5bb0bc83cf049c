// PostgreSQL goes away in the middle of a conversation between two people on two server
// processes and comes back on the same data folder and port: a fast shutdown, an immediate
// one, and a SIGKILL of the postmaster. Meanwhile every send is answered promptly with
// `internal` (no hang, no crash); the clients keep their unacknowledged messages and resend
// them with the same clientId, as the desktop client's outbox does; once PostgreSQL is back
// the same node processes store sends again, and every acknowledged message is in both
// records exactly once with gap-free seqs.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { Changes, register, type ClientSocket } from '../support/clients.js';
import { newClientId } from '../support/chat-helpers.js';
import { cleanUpServersAndSockets, startServerProcess, type ListeningServer } from '../support/process.js';
import { checkPairRecords, readRecord, type SentMessage } from '../support/records.js';
import { tempDir } from '../support/server.js';
import { startRedis, type RedisService } from '../support/services.js';
import { startRestartablePostgres, type RestartablePostgres } from './restartable-postgres.js';

/** The desktop client's request timeout (main/core/connection/connection.ts). */
const clientTimeoutMs = 15_000;

type Answer =
  { ok: true; message: Message } | { ok: false; error: { code: string; message: string } } | { timedOut: true };

function sendWithTimeout(
  socket: ClientSocket,
  payload: { to: number; clientId: string; content: string },
): Promise<Answer> {
  const emit = socket.timeout(clientTimeoutMs).emit as unknown as (...args: unknown[]) => void;
  return new Promise((resolve) => {
    emit.call(socket, 'message:send', payload, (error: unknown, answer: Answer) =>
      resolve(error ? { timedOut: true } : answer),
    );
  });
}

/** The pauses of the desktop client this imitates (shorter, to keep the test short): behaviour, not waiting. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const thinkMs = 5;
/** The desktop client backs off from 1 s after a failed send. */
const backOffMs = 100;

/** One person's client: an outbox sent head first, resent with the same clientId until acknowledged. */
class Talker {
  readonly outbox: SentMessage[] = [];
  /** `sentAt`: when the send that this acknowledges started. */
  readonly acks: Array<{ sentAt: number; at: number; message: Message }> = [];
  readonly failures: Array<{ at: number; code: string; message: string }> = [];
  timeouts = 0;
  slowestMs = 0;
  /** Set when the test has failed: stop at once, whatever is left in the outbox. */
  aborted = false;
  private count = 0;

  constructor(
    private readonly name: string,
    private readonly socket: ClientSocket,
    private readonly me: number,
    private readonly to: number,
    /** Told of every answer, so the test can wait for counts of them. */
    private readonly answered: Changes,
  ) {}

  async run(talking: () => boolean, sent: SentMessage[], deadline: number): Promise<void> {
    while ((talking() || this.outbox.length > 0) && !this.aborted && Date.now() < deadline) {
      if (this.outbox.length === 0) {
        const message = { from: this.me, clientId: newClientId(this.name), content: `${this.name} ${++this.count}` };
        sent.push(message);
        this.outbox.push(message);
      }
      const head = this.outbox[0]!;
      const started = Date.now();
      const answer = await sendWithTimeout(this.socket, {
        to: this.to,
        clientId: head.clientId,
        content: head.content,
      });
      this.slowestMs = Math.max(this.slowestMs, Date.now() - started);
      if ('timedOut' in answer) {
        this.timeouts++;
      } else if (answer.ok) {
        this.acks.push({ sentAt: started, at: Date.now(), message: answer.message });
        this.outbox.shift();
        this.answered.notify();
        await pause(thinkMs);
        continue;
      } else {
        this.failures.push({ at: Date.now(), ...answer.error });
        this.answered.notify();
      }
      await pause(backOffMs);
    }
  }

  acksSince(time: number): number {
    return this.acks.filter((ack) => ack.at >= time).length;
  }

  failuresSince(time: number): number {
    return this.failures.filter((failure) => failure.at >= time).length;
  }
}

describe('PostgreSQL restart', () => {
  const open = cleanUpServersAndSockets();
  let postgres: RestartablePostgres | undefined;
  let redis: RedisService | undefined;
  afterEach(async () => {
    await postgres?.remove();
    await redis?.stop();
    postgres = undefined;
    redis = undefined;
  });

  const outages = {
    'a fast shutdown': (pg: RestartablePostgres) => pg.stop('fast'),
    'an immediate shutdown': (pg: RestartablePostgres) => pg.stop('immediate'),
    'a SIGKILL of the postmaster': (pg: RestartablePostgres) => pg.killPostmaster(),
  };

  it.each(Object.keys(outages) as Array<keyof typeof outages>)(
    'nodes answer internal during %s, store again once PostgreSQL is back, and lose no acknowledged message',
    async (outage) => {
      // A PostgreSQL and a Redis of this test's own: the shared ones must not die under other files.
      postgres = await startRestartablePostgres();
      redis = await startRedis();
      // Nodes on one database share one files folder (else the second refuses to start).
      const env = { MESSENGER_DB_URL: postgres.url, MESSENGER_REDIS_URL: redis.url, MESSENGER_FILES_DIR: tempDir() };
      const nodes: ListeningServer[] = await Promise.all([
        startServerProcess(['--port', '0', '--send-rate', '0'], { env, timeoutMs: 30_000 }),
        startServerProcess(['--port', '0', '--send-rate', '0'], { env, timeoutMs: 30_000 }),
      ]);
      const [one, two] = nodes as [ListeningServer, ListeningServer];
      const alice = await register(one.url);
      const bob = await register(two.url);
      const aliceSocket = await open(one.url, alice.token);
      const bobSocket = await open(two.url, bob.token);
      const answered = new Changes();
      const talkers = [
        new Talker('alice', aliceSocket, alice.user.id, bob.user.id, answered),
        new Talker('bob', bobSocket, bob.user.id, alice.user.id, answered),
      ];
      const waitFor = (condition: () => boolean, what: string, guardMs: number) =>
        answered.until(condition, () => `${what} ${diagnose()}`, guardMs);
      const [aliceTalks, bobTalks] = talkers as [Talker, Talker];
      const diagnose = () =>
        JSON.stringify({
          outbox: talkers.map((t) => t.outbox.length),
          acks: talkers.map((t) => t.acks.length),
          failures: talkers.map((t) => t.failures.slice(-3)),
          exits: nodes.map((node) => node.exit()),
        }) + nodes.map((node, i) => `\nnode ${i + 1} stderr:\n${node.stderr().slice(-3000)}`).join('');

      const sent: SentMessage[] = [];
      let talking = true;
      const deadline = Date.now() + 90_000;
      const conversation = Promise.all(talkers.map((talker) => talker.run(() => talking, sent, deadline)));
      try {
        await waitFor(() => talkers.every((t) => t.acks.length >= 5), 'no first acks', 20_000);

        // PostgreSQL goes away while both keep sending.
        const down = Date.now();
        await outages[outage](postgres);
        const stopped = Date.now();
        await waitFor(
          () => talkers.every((t) => t.failuresSince(stopped) >= 3),
          'sends were not refused while PostgreSQL was down',
          20_000,
        );
        // A send begun once PostgreSQL had stopped cannot be acknowledged before it is back.
        const acksWhileDown = talkers.map((t) => t.acks.filter((ack) => ack.sentAt > stopped).length);
        expect(acksWhileDown, 'acknowledged while PostgreSQL was down').toEqual([0, 0]);
        expect(
          talkers
            .flatMap((t) => t.failures.filter((f) => f.at >= down))
            .filter((f) => f.code !== 'internal' || !f.message.trim()),
          'every refusal is internal with a sentence',
        ).toEqual([]);

        // Back on the same data folder and port: the same node processes store sends again.
        await postgres.start();
        const up = Date.now();
        await waitFor(
          () => talkers.every((t) => t.acksSince(up) >= 5),
          'the nodes did not store sends after PostgreSQL came back',
          30_000,
        );
      } catch (error) {
        for (const talker of talkers) talker.aborted = true;
        throw error;
      } finally {
        talking = false;
        await conversation;
      }

      expect(
        nodes.map((node) => node.exit()),
        'the node processes kept running',
      ).toEqual([null, null]);
      for (const node of nodes) expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
      expect(
        talkers.map((t) => t.outbox),
        'every message was acknowledged in the end',
      ).toEqual([[], []]);
      expect(
        talkers.map((t) => t.timeouts),
        'requests unanswered within the client timeout',
      ).toEqual([0, 0]);
      expect(Math.max(aliceTalks.slowestMs, bobTalks.slowestMs)).toBeLessThan(clientTimeoutMs);
      expect(aliceTalks.failures.length + bobTalks.failures.length).toBeGreaterThan(0);

      const acked = talkers.flatMap((t) => t.acks.map((ack) => ack.message));
      const records: [Message[], Message[]] = [
        await readRecord(aliceSocket, bob.user.id),
        await readRecord(bobSocket, alice.user.id),
      ];
      checkPairRecords({ owners: [alice.user.id, bob.user.id], records, sent, acked });
      // Everything sent was acknowledged, so everything sent is stored: once.
      expect(records[0]).toHaveLength(sent.length);
    },
    120_000,
  );
});
