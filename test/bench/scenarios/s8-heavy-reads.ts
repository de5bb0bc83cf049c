// S8: how long heavy reads hold up other sockets. The real server holds 100,000 users and one
// user with 100,000 chat records; a probe pair sends one message at a time and times each
// one's delivery to the peer, first alone (the reference, same run) and then while 40 sockets
// page through users:list and the big user pages through chats:list without pause (in their
// own process, test/bench/s8-readers.ts).
import fs from 'node:fs';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { benchDir, startNode, startRealServer } from '../support/procs.js';
import { fmt, percentile, say, type ScenarioResult } from '../support/report.js';
import { benchTemp, seedDirectory } from '../support/seed.js';
import { sleep } from './server-scenarios.js';

export interface S8Params {
  users: number;
  readers: number;
  probeEveryMs: number;
  measureMs: number;
}

/** Longest a probe message may take to reach its peer while the heavy reads run. */
const stallGoalMs = 50;

function open(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/**
 * For `ms`: sends from `from` to user `to` (on `peer`), waits for the peer to receive it, pauses
 * `everyMs`, and again; each delivery's latency. One at a time, so a latency is one message's,
 * never a backlog of the probe's own.
 */
async function probe(from: Socket, peer: Socket, to: number, everyMs: number, ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + ms;
  for (let i = 0; performance.now() < end; i++) {
    const clientId = `probe-${Date.now()}-${i}`;
    const delivered = new Promise<void>((resolve) => {
      const onNew = ({ message }: { message: { clientId: string } }) => {
        if (message.clientId !== clientId) return;
        peer.off('message:new', onNew);
        resolve();
      };
      peer.on('message:new', onNew);
    });
    const sentAt = performance.now();
    from.emit('message:send', { to, clientId, content: 'probe' });
    await delivered;
    latencies.push(performance.now() - sentAt);
    await sleep(everyMs);
  }
  return latencies;
}

export async function runS8(params: S8Params): Promise<ScenarioResult> {
  const started = performance.now();
  const root = benchTemp('s8');
  const dataDir = path.join(root, 'data');
  const tokens = Array.from({ length: params.readers + 3 }, (_, i) => `s8-token-${i}`);
  // Token i is user i + 1: user 1 owns the 100,000 records; the last two users are the probe pair.
  await seedDirectory(dataDir, params.users, tokens);
  const server = await startRealServer(dataDir);
  const readers = startNode({
    name: 'readers',
    role: 'load',
    nodeArgs: ['--import', 'tsx', path.join(benchDir, 's8-readers.ts')],
  });
  const sockets: Socket[] = [];
  try {
    const [sender, receiver] = await Promise.all(tokens.slice(-2).map((token) => open(server.url, token)));
    sockets.push(sender!, receiver!);
    const receiverId = tokens.length;

    await probe(sender!, receiver!, receiverId, params.probeEveryMs, 1000); // warm-up
    const alone = await probe(sender!, receiver!, receiverId, params.probeEveryMs, params.measureMs);
    await readers.call({ cmd: 'start', url: server.url, tokens: tokens.slice(0, params.readers + 1) }, 60_000);
    const loaded = await probe(sender!, receiver!, receiverId, params.probeEveryMs, params.measureMs);
    const { pages } = await readers.call<{ pages: number }>({ cmd: 'stop' }, 60_000);

    const sortedAlone = [...alone].sort((a, b) => a - b);
    const sortedLoaded = [...loaded].sort((a, b) => a - b);
    const maxAlone = sortedAlone.at(-1) ?? 0;
    const maxLoaded = sortedLoaded.at(-1) ?? 0;
    const measured = `delivery max ${fmt(maxLoaded, 1)} ms, p99 ${fmt(percentile(sortedLoaded, 99), 1)} ms while ${params.readers} sockets read ${fmt(pages)} pages (${fmt((pages * 1000) / params.measureMs)}/s)`;
    const reference = `the same probe alone: max ${fmt(maxAlone, 1)} ms, p99 ${fmt(percentile(sortedAlone, 99), 1)} ms`;
    say(`  ${measured}; ${reference}`);
    return {
      id: 'S8',
      title: 'delivery stall under heavy reads, 100,000 users and a 100,000-record user',
      measured,
      reference,
      ratio: maxAlone > 0 ? maxLoaded / maxAlone : null,
      ratioMeaning: 'max delivery latency under heavy reads / alone',
      goals: [
        {
          text: `no probe delivery over ${stallGoalMs} ms while the heavy reads run`,
          pass: maxLoaded <= stallGoalMs && loaded.length > 0,
          reading: `${fmt(maxLoaded, 1)} ms (${loaded.length} deliveries)`,
        },
      ],
      placement: `server pid ${server.pid} on ${server.coreLabel}, readers pid ${readers.pid} on ${readers.coreLabel}, probe in the bench process`,
      details: { params, pages, alone: summary(sortedAlone), loaded: summary(sortedLoaded) },
      notes: [],
      durationMs: performance.now() - started,
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await readers.stop();
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function summary(sorted: number[]): Record<string, number> {
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}
