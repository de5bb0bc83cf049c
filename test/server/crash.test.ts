// The fault test: the server process is killed with SIGKILL again and again while two clients
// send with acks; after each restart they resend what they had not seen acknowledged, with
// the same clientId, as a real client does. Nothing acknowledged may be lost, nothing may be
// stored twice, and the two records of the pair must stay identical and gap-free.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Message, SessionResponse } from '../../protocol/contract.js';
import { limits } from '../../protocol/limits.js';
import { connect, register, type ClientSocket } from '../support/clients.js';
import { killAllServers, liveServers, startServerProcess, type ListeningServer } from '../support/process.js';
import { atMostPending } from '../support/chat-helpers.js';
import { checkPairRecords, readRecord, type SentMessage } from '../support/records.js';
import { tempDir } from '../support/server.js';

const sockets: ClientSocket[] = [];
async function open(url: string, token: string): Promise<ClientSocket> {
  const socket = await connect(url, token);
  sockets.push(socket);
  return socket;
}
function closeSockets(): void {
  for (const socket of sockets.splice(0)) socket.close();
}

afterEach(async () => {
  closeSockets();
  await killAllServers();
});
afterAll(async () => {
  await killAllServers();
  expect(liveServers()).toBe(0);
});

/** A small seeded generator, so a failing run can be told apart by its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const key = (from: number, clientId: string) => `${from}:${clientId}`;

describe('kill -9 while sending', () => {
  it('keeps every acknowledged message exactly once, in both records, across repeated SIGKILLs', async () => {
    const seed = Date.now() % 1_000_000;
    const random = mulberry32(seed);
    const why = (what: string) => `${what} (seed ${seed})`;
    const rounds = 6;

    const dataDir = tempDir();
    const args = ['--port', '0', '--data', dataDir, '--send-rate', '0'];
    let server: ListeningServer = await startServerProcess(args);
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    const alice = await register(server.url);
    const bob = await register(server.url);
    const users: Array<{ session: SessionResponse; peer: number }> = [
      { session: alice, peer: bob.user.id },
      { session: bob, peer: alice.user.id },
    ];
    const owners: [number, number] = [alice.user.id, bob.user.id];

    const sent: SentMessage[] = [];
    const acked = new Map<string, Message>();
    const problems: string[] = [];
    const unacked = (from: number) => sent.filter((s) => s.from === from && !acked.has(key(s.from, s.clientId)));

    /** Fires a send without awaiting; `onAck` sees every ack that arrives. */
    const fire = (socket: ClientSocket, to: number, message: SentMessage, onAck: () => void) => {
      const emit = socket.emit as unknown as (...args: unknown[]) => void;
      emit.call(socket, 'message:send', { to, clientId: message.clientId, content: message.content }, (ack: any) => {
        if (!ack.ok && ack.error.code === 'rate_limited') {
          // The socket's request queue was full (docs/protocol.md §6.2): it stays in the outbox.
        } else if (!ack.ok) {
          problems.push(`send ${message.clientId} answered ${JSON.stringify(ack.error)}`);
        } else {
          const got: Message = ack.message;
          const k = key(message.from, message.clientId);
          if (got.user !== message.from || got.clientId !== message.clientId || got.content !== message.content) {
            problems.push(`ack for ${k} carries another message: ${JSON.stringify(got)}`);
          }
          const earlier = acked.get(k);
          if (earlier && JSON.stringify(earlier) !== JSON.stringify(got)) {
            problems.push(`repeat of ${k} answered ${JSON.stringify(got)}, first ack was ${JSON.stringify(earlier)}`);
          }
          acked.set(k, got);
        }
        onAck();
      });
    };

    let killed = 0;
    for (let round = 0; round < rounds; round++) {
      const lanes = await Promise.all(users.map((u) => open(server.url, u.session.token)));
      const killAfter = 1 + Math.floor(random() * 80);
      const delayMs = random() < 0.5 ? 0 : Math.floor(random() * 20);
      let acksThisRound = 0;
      let firedThisRound = 0;
      let outstandingAtKill = -1;
      let killing = false;
      const victim = server;
      const killedNow = new Promise<void>((resolve) => {
        const onAck = () => {
          if (++acksThisRound !== killAfter) return;
          const kill = () => {
            killing = true;
            outstandingAtKill = firedThisRound - acksThisRound;
            victim.child.kill('SIGKILL');
            resolve();
          };
          if (delayMs === 0) kill();
          else setTimeout(kill, delayMs);
        };
        // The outbox first (oldest first, same clientId), then new messages, as many waiting as a
        // socket may have (docs/protocol.md §6.2) and another sent as each is answered: sends are
        // still on their way whenever the kill comes (a socket's consecutive sends share commits).
        users.forEach((user, u) => {
          const from = user.session.user.id;
          const outbox = unacked(from);
          let created = 0;
          const fireNext = () => {
            if (killing) return;
            let message = outbox.shift();
            if (!message) {
              message = {
                from,
                clientId: `r${round}-u${from}-${created}`,
                content: `round ${round}, message ${created} from ${from}`,
              };
              created++;
              sent.push(message);
            }
            firedThisRound++;
            fire(lanes[u]!, user.peer, message, () => {
              onAck();
              fireNext();
            });
          };
          for (let i = 0; i < limits.maxPendingRequestsPerSocket; i++) fireNext();
        });
      });
      await killedNow;
      expect(await victim.exited, why(`round ${round}`)).toEqual({ code: null, signal: 'SIGKILL' });
      killed++;
      // The kill really came while sends were unanswered.
      expect(outstandingAtKill, why(`round ${round}: nothing was outstanding at the kill`)).toBeGreaterThan(0);
      closeSockets();

      server = await startServerProcess(args);
      // After every crash the data is already whole: consistent records holding all that was acknowledged.
      const [aliceSocket, bobSocket] = await Promise.all(users.map((u) => open(server.url, u.session.token)));
      const records: [Message[], Message[]] = [
        await readRecord(aliceSocket!, bob.user.id),
        await readRecord(bobSocket!, alice.user.id),
      ];
      checkPairRecords({ owners, records, sent, acked: [...acked.values()] });
      closeSockets();
    }
    expect(killed).toBeGreaterThanOrEqual(5);

    // Last start: the clients resend their whole outboxes and wait for every ack.
    const lanes = await Promise.all(users.map((u) => open(server.url, u.session.token)));
    await Promise.all(
      users.map((user, u) => {
        const outbox = unacked(user.session.user.id);
        return atMostPending(
          outbox.length,
          (i) => new Promise<void>((resolve) => fire(lanes[u]!, user.peer, outbox[i]!, resolve)),
        );
      }),
    );
    expect(problems, why('acks')).toEqual([]);
    expect(
      sent.filter((s) => !acked.has(key(s.from, s.clientId))),
      why('never acknowledged'),
    ).toEqual([]);

    const records: [Message[], Message[]] = [
      await readRecord(lanes[0]!, bob.user.id),
      await readRecord(lanes[1]!, alice.user.id),
    ];
    checkPairRecords({ owners, records, sent, acked: [...acked.values()] });
    // Everything sent is now stored, exactly once.
    expect(records[0], why('record size')).toHaveLength(sent.length);
    expect(records[0].map((m) => m.seq)).toEqual(sent.map((_, i) => i + 1));
    // Each sender's messages keep the order that sender's outbox sent them in.
    for (const from of owners) {
      const order = records[0].filter((m) => m.user === from).map((m) => m.clientId);
      expect(order, why(`order of ${from}`)).toEqual(sent.filter((s) => s.from === from).map((s) => s.clientId));
    }

    await server.stop();
  }, 90_000);
});
