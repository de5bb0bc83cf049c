// S3: server memory per idle authenticated socket, real server against the minimal one.
import { execFileSync } from 'node:child_process';
import type { BenchSocket, LoadSnapshot } from '../support/ipc.js';
import { startLoadGenerator } from '../support/procs.js';
import { fmt, say, type ScenarioResult } from '../support/report.js';
import { removeSeed, seedUsers, type Seeded } from '../support/seed.js';
import { loopbackPlan } from '../support/ports.js';
import { connectAll, placementOf, sleep, startServerOf, type ServerKind } from './server-scenarios.js';

export interface S3Params {
  sockets: number;
  /** Sockets per user (each with its own session token, like separate devices). */
  socketsPerUser: number;
  warmupSockets: number;
  settleMs: number;
}

interface S3Run {
  kind: ServerKind;
  sockets: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
  rssPerSocket: number;
  heapPerSocket: number;
  externalPerSocket: number;
  connectMs: number;
  placement: string;
}

function s3Sockets(seeded: Seeded, count: number, perUser: number): BenchSocket[] {
  // Every user's first socket first: presence goes to all connected sockets when a user
  // comes online, so connecting first sockets while few are connected keeps that storm small.
  const sockets: BenchSocket[] = [];
  for (let s = 0; s < perUser; s++) {
    for (const user of seeded.users) {
      if (sockets.length < count) sockets.push({ user: user.id, token: user.tokens[s]!, peer: 0 });
    }
  }
  return sockets;
}

async function s3Run(kind: ServerKind, params: S3Params, seeded: Seeded): Promise<S3Run> {
  const server = await startServerOf(kind, seeded);
  const load = startLoadGenerator();
  try {
    const sockets = s3Sockets(seeded, params.sockets, params.socketsPerUser);
    // Warm the server's code paths (and its JIT) with a few sockets, then let them go.
    await connectAll(load, server.url, sockets.slice(0, params.warmupSockets));
    await load.call({ cmd: 'disconnect' });
    await sleep(500);
    const before = await server.probe({ cmd: 'gc' });
    const connected = await connectAll(load, server.url, sockets);
    await sleep(params.settleMs);
    const after = await server.probe({ cmd: 'gc' });
    const still = await load.call<LoadSnapshot>({ cmd: 'snapshot' });
    if (still.connected !== sockets.length)
      throw new Error(`only ${still.connected} of ${sockets.length} sockets stayed connected`);
    await load.call({ cmd: 'disconnect' }, 120_000);
    const n = sockets.length;
    return {
      kind,
      sockets: n,
      rssBefore: before.rss,
      rssAfter: after.rss,
      heapBefore: before.heapUsed,
      heapAfter: after.heapUsed,
      rssPerSocket: (after.rss - before.rss) / n,
      heapPerSocket: (after.heapUsed - before.heapUsed) / n,
      externalPerSocket: (after.external - before.external) / n,
      connectMs: connected.ms,
      placement: placementOf(server, load),
    };
  } finally {
    await load.stop();
    await server.stop();
  }
}

/** The soft limit on open files that child processes inherit (`ulimit -n`). */
function openFileLimit(): number | null {
  try {
    return Number(execFileSync('bash', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()) || null;
  } catch {
    return null;
  }
}

export async function runS3(params: S3Params): Promise<ScenarioResult> {
  const started = performance.now();
  const limit = openFileLimit();
  const plan = loopbackPlan(params.sockets);
  say(`  ${plan.summary}; open-file limit ${limit ?? 'unknown'} per process`);
  // Each side holds one descriptor per socket, plus its own few dozen.
  if (limit !== null && limit < params.sockets + 500) {
    throw new Error(
      `ulimit -n is ${limit}: S3 needs ${params.sockets + 500} open files per process; raise it (ulimit -n ${params.sockets + 1000}) and run again`,
    );
  }
  const users = Math.ceil(params.sockets / params.socketsPerUser);
  const seeded = await seedUsers('s3', users, params.socketsPerUser);
  try {
    const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;
    const line = (r: S3Run) =>
      `${kb(r.rssPerSocket)} RSS per socket (heap ${kb(r.heapPerSocket)}, external ${kb(r.externalPerSocket)}; RSS ${fmt(r.rssBefore / 2 ** 20)} → ${fmt(r.rssAfter / 2 ** 20)} MiB; connected in ${fmt(r.connectMs / 1000, 1)} s)`;
    const minimal = await s3Run('minimal', params, seeded);
    say(`  minimal: ${line(minimal)}`);
    const real = await s3Run('real', params, seeded);
    say(`  real:    ${line(real)}`);
    const ratio = real.rssPerSocket / minimal.rssPerSocket;
    return {
      id: 'S3',
      title: 'server RSS per idle authenticated socket at 10,000 sockets',
      measured: `${kb(real.rssPerSocket)} per socket (${fmt(real.sockets)} sockets of ${fmt(users)} users)`,
      reference: `minimal server: ${kb(minimal.rssPerSocket)} per socket`,
      ratio,
      ratioMeaning: 'real / minimal',
      goals: [{ text: '≤ 15 KB per socket', pass: real.rssPerSocket <= 15 * 1024, reading: kb(real.rssPerSocket) }],
      placement: real.placement,
      details: { params, users, real, minimal, loopback: loopbackPlan(params.sockets) },
      notes: [],
      durationMs: performance.now() - started,
    };
  } finally {
    removeSeed(seeded);
  }
}
