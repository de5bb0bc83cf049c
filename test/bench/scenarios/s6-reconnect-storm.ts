// S6: a reconnect storm. Every user's socket is connected; the server restarts on the same
// port; all of them connect again at once and catch up (`chats:list`), while a probe pair keeps
// chatting. Measured: the time until every socket is back and caught up, and the probe's
// send → delivery p99 meanwhile; the ceiling is the minimal server in the same conditions.
import net from 'node:net';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { BenchSocket, ReconnectResult } from '../support/ipc.js';
import { startLoadGenerator, startMinimalServer, startRealServer, type ServerChild } from '../support/procs.js';
import { fmt, percentile, say, type ScenarioResult } from '../support/report.js';
import { removeSeed, seedUsers, type Seeded, type SeededUser } from '../support/seed.js';
import { loopbackPlan } from '../support/ports.js';
import { summarize } from '../support/cpu-profile.js';
import {
  connectAll,
  placementOf,
  sayProfiles,
  sleep,
  type ServerKind,
  type ServerScenarioOptions,
} from './server-scenarios.js';

export interface S6Params {
  users: number;
  /** Handshakes the reconnecting clients keep in flight at once. */
  concurrency: number;
  /** How often the probe user sends to its peer during the storm. */
  probeEveryMs: number;
}

interface S6Run {
  kind: ServerKind;
  storm: ReconnectResult;
  probe: { samples: number; p50: number; p99: number; max: number; lost: number };
  placement: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function start(kind: ServerKind, seeded: Seeded, port: number): Promise<ServerChild> {
  return kind === 'real' ? startRealServer(seeded.dataDir, { port }) : startMinimalServer(seeded.tokensFile, { port });
}

/** The probe pair, in the bench process: `from` sends to `to` every `everyMs` until stopped. */
async function startProbe(url: string, from: SeededUser, to: SeededUser, everyMs: number) {
  const connect = (user: SeededUser) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        auth: { token: user.tokens[0] },
      });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  const [sender, receiver] = await Promise.all([connect(from), connect(to)]);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  receiver.on('message:new', (event: { message: { clientId: string } }) => {
    const at = sentAt.get(event.message.clientId);
    if (at === undefined) return;
    sentAt.delete(event.message.clientId);
    latencies.push(performance.now() - at);
  });
  let sequence = 0;
  const timer = setInterval(() => {
    const clientId = `probe-${++sequence}`;
    sentAt.set(clientId, performance.now());
    sender.emit('message:send', { to: to.id, clientId, content: 'probe' }, () => undefined);
  }, everyMs);
  return {
    /** Stops sending, waits (≤ 5 s) for what is still on its way, and reports. */
    async stop() {
      clearInterval(timer);
      const deadline = performance.now() + 5000;
      while (sentAt.size > 0 && performance.now() < deadline) await sleep(20);
      sender.close();
      receiver.close();
      const sorted = latencies.sort((a, b) => a - b);
      return {
        samples: sorted.length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? NaN,
        lost: sentAt.size,
      };
    },
  };
}

async function s6Run(
  kind: ServerKind,
  params: S6Params,
  seeded: Seeded,
  options: ServerScenarioOptions,
): Promise<S6Run> {
  const [from, to] = seeded.users.slice(-2) as [SeededUser, SeededUser];
  const crowd: BenchSocket[] = seeded.users
    .slice(0, params.users)
    .map((user) => ({ user: user.id, token: user.tokens[0]!, peer: 0 }));
  const port = await freePort();
  let server = await start(kind, seeded, port);
  const load = startLoadGenerator();
  try {
    await connectAll(load, server.url, crowd);
    await server.stop();
    server = await start(kind, seeded, port);
    const probe = await startProbe(server.url, from, to, params.probeEveryMs);
    const plan = loopbackPlan(crowd.length);
    if (options.profile) await server.probe({ cmd: 'profile-start' });
    const storm = await load.call<ReconnectResult>(
      { cmd: 'reconnect', url: server.url, concurrency: params.concurrency, localAddresses: plan.localAddresses },
      600_000,
    );
    if (options.profile) {
      const file = path.join(options.profileDir, `s6-${kind}.cpuprofile`);
      await server.probe({ cmd: 'profile-stop', file });
      sayProfiles(kind, 'the storm', [summarize(file)]);
    }
    const probed = await probe.stop();
    await load.call({ cmd: 'disconnect' }, 120_000);
    return { kind, storm, probe: probed, placement: placementOf(server, load, 'probe pair in the bench process') };
  } finally {
    await load.stop();
    await server.stop();
  }
}

export async function runS6(params: S6Params, options: ServerScenarioOptions): Promise<ScenarioResult> {
  const started = performance.now();
  say(`  ${loopbackPlan(params.users).summary}`);
  const seeded = await seedUsers('s6', params.users + 2);
  try {
    const at = (r: S6Run, share: number) => r.storm.caughtUpMs[Math.ceil(share * r.storm.caughtUpMs.length) - 1] ?? NaN;
    const line = (r: S6Run) =>
      `${fmt(r.storm.caughtUp)} of ${fmt(params.users)} back and caught up in ${fmt(r.storm.ms / 1000, 2)} s (half by ${fmt(at(r, 0.5) / 1000, 2)} s; ${r.storm.failed} failed); probe p50 ${fmt(r.probe.p50, 1)} ms, p99 ${fmt(r.probe.p99, 1)} ms, max ${fmt(r.probe.max, 1)} ms over ${r.probe.samples} deliveries (${r.probe.lost} not delivered)`;
    const minimal = await s6Run('minimal', params, seeded, options);
    say(`  minimal: ${line(minimal)}`);
    const real = await s6Run('real', params, seeded, options);
    say(`  real:    ${line(real)}`);
    const ratio = real.storm.ms / minimal.storm.ms;
    const notes: string[] = [];
    for (const r of [real, minimal]) {
      if (r.storm.failed > 0)
        notes.push(`${r.kind}: ${r.storm.failed} sockets failed: ${r.storm.errors.slice(0, 3).join('; ')}`);
      if (r.probe.lost > 0)
        notes.push(`${r.kind}: ${r.probe.lost} probe messages were not delivered before the storm ended`);
    }
    return {
      id: 'S6',
      title: `reconnect storm: ${fmt(params.users)} users reconnect at once after a server restart`,
      measured: `all back and caught up in ${fmt(real.storm.ms / 1000, 2)} s; probe p99 ${fmt(real.probe.p99, 1)} ms`,
      reference: `minimal server: ${fmt(minimal.storm.ms / 1000, 2)} s; probe p99 ${fmt(minimal.probe.p99, 1)} ms`,
      ratio,
      ratioMeaning: 'time real / minimal',
      goals: [
        {
          text: '≤ 2× the minimal server’s time',
          pass: ratio <= 2 && real.storm.failed === 0,
          reading: `${fmt(ratio, 2)}×`,
        },
        {
          text: 'probe p99 < 200 ms',
          pass: real.probe.p99 < 200 && real.probe.lost === 0,
          reading: `${fmt(real.probe.p99, 1)} ms`,
        },
      ],
      placement: `${real.placement}; ${params.concurrency} handshakes in flight at a time`,
      details: { params, real, minimal },
      notes,
      durationMs: performance.now() - started,
    };
  } finally {
    removeSeed(seeded);
  }
}
