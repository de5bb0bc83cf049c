// S1 and S2: the real server (server/cli.ts, SQLite, send limit off) against the minimal
// Socket.IO server of minimal-server.ts, each driven by the same load generator process; and
// what S3 and the two-node rows (two-node.ts) share with them: the load, the measured
// windows, the printed lines and the verdicts.
import path from 'node:path';
import Database from 'better-sqlite3';
import { formatSummary, type ProfileSummary } from '../support/cpu-profile.js';
import type { BenchSocket, ConnectResult, LoadSnapshot, Settling } from '../support/ipc.js';
import {
  startLoadGenerator,
  startMinimalServer,
  startRealServer,
  type Child,
  type ServerChild,
} from '../support/procs.js';
import { fmt, percentile, say, type ScenarioResult } from '../support/report.js';
import { capacityOf, type Capacity } from '../support/capacity.js';
import { removeSeed, seedUsers, type Seeded } from '../support/seed.js';
import { databaseFileName } from '../../../server/store/sqlite/sqlite-store.js';
import { loopbackPlan } from '../support/ports.js';
import { measureQuiet, settlingMaxMs, sleep, untilSteady, usage, type Rig, type Usage } from '../support/windows.js';

export { sleep };

export type ServerKind = 'real' | 'minimal';

export interface ServerScenarioOptions {
  /** Record a CPU profile of the measured window of each server run. */
  profile: boolean;
  profileDir: string;
}

/** ~100 characters, a typical chat line. */
const content = 'The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs, thanks! 0123';

export async function startServerOf(kind: ServerKind, seeded: Seeded): Promise<ServerChild> {
  return kind === 'real' ? startRealServer(seeded.dataDir) : startMinimalServer(seeded.tokensFile);
}

/** Which process ran on which core; `more` names processes the bench did not start itself. */
export function placementOf(servers: Child | Child[], load: Child, more?: string): string {
  const list = Array.isArray(servers) ? servers : [servers];
  const named = list.map((s) => `${list.length > 1 ? s.name : 'server'} pid ${s.pid} on ${s.coreLabel}`);
  return [...named, `load generator pid ${load.pid} on ${load.coreLabel}`, ...(more ? [more] : [])].join(', ');
}

/** One socket per user, users paired 1↔2, 3↔4, …; all of them send to their peer. */
export function pairedSockets(seeded: Seeded): BenchSocket[] {
  const sockets: BenchSocket[] = [];
  for (let i = 0; i + 1 < seeded.users.length; i += 2) {
    const a = seeded.users[i]!;
    const b = seeded.users[i + 1]!;
    sockets.push({ user: a.id, token: a.tokens[0]!, peer: b.id }, { user: b.id, token: b.tokens[0]!, peer: a.id });
  }
  return sockets;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;
/** Other processes on the machine during the window: noise the numbers carry. */
const others = (cores: number | null) => (cores === null ? '' : `; rest of the machine ${fmt(cores, 2)} cores`);
/** "server CPU 89 %", or per node and per service with several nodes. */
function cpuText(u: Usage): string {
  const nodes = u.nodeCpu ? `nodes' CPU ${u.nodeCpu.map(pct).join(' + ')}` : `server CPU ${pct(u.serverCpu)}`;
  const services = Object.entries(u.serviceCpu ?? {}).map(([name, cores]) => `, ${name} ${pct(cores)}`);
  return nodes + services.join('');
}
const restText = (x: { otherCores: number | null; used: boolean }) =>
  `rest ${x.otherCores === null ? '?' : fmt(x.otherCores, 2)}${x.used ? '' : ', not counted'}`;

/** One profile file per server of the rig, or none without --profile. */
function profileFiles(options: ServerScenarioOptions, name: string, rig: Rig): string[] | undefined {
  if (!options.profile) return undefined;
  const file = (suffix: string) => path.join(options.profileDir, `${name}${suffix}.cpuprofile`);
  return rig.servers.length === 1 ? [file('')] : rig.servers.map((_, i) => file(`-node${i + 1}`));
}

export function sayProfiles(kind: string, scenario: string, profiles: ProfileSummary[] | undefined): void {
  profiles?.forEach((profile, i) =>
    say(
      `  profile of the ${kind} server${profiles.length > 1 ? ` (node ${i + 1})` : ''} (${scenario}):\n${formatSummary(profile)}`,
    ),
  );
}

export async function connectAll(load: Child, url: string, sockets: BenchSocket[]): Promise<ConnectResult> {
  const plan = loopbackPlan(sockets.length);
  const result = await load.call<ConnectResult>(
    { cmd: 'connect', url, sockets, concurrency: 100, localAddresses: plan.localAddresses },
    600_000,
  );
  if (result.failed > 0)
    throw new Error(
      `${result.failed} of ${sockets.length} sockets failed to connect: ${result.errors.slice(0, 3).join('; ')}`,
    );
  return result;
}

/** One rig's run: its servers and load generator, connected, and how it ends. */
export interface Setup {
  rig: Rig;
  connectMs: number;
  placement: string;
  /** After the servers stopped: the rows they stored (the real server in S1). */
  stored?: () => Promise<{ messages: number; copies: number }>;
}

/** A single server (real or minimal) and one load generator, around `body`. */
async function oneNode<T>(
  label: string,
  kind: ServerKind,
  users: number,
  body: (setup: Setup) => Promise<T>,
): Promise<T> {
  const seeded = await seedUsers(label, users);
  const server = await startServerOf(kind, seeded);
  const load = startLoadGenerator();
  try {
    const connected = await connectAll(load, server.url, pairedSockets(seeded));
    const stored = async () => {
      // Every ack is a stored message with two copies: check it in the file the server wrote.
      const db = new Database(path.join(seeded.dataDir, databaseFileName), { readonly: true });
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      const rows = { messages: count('messages'), copies: count('copies') };
      db.close();
      return rows;
    };
    return await body({
      rig: { servers: [server], load },
      connectMs: connected.ms,
      placement: placementOf(server, load),
      ...(kind === 'real' ? { stored } : {}),
    });
  } finally {
    await load.stop();
    await server.stop();
    removeSeed(seeded);
  }
}

// ---------------------------------------------------------------------------------------
// S1: acknowledged sends per second.

export interface S1Params {
  pairs: number;
  /** Sends each socket keeps outstanding. */
  window: number;
  warmupMs: number;
  /** Length of one measured window; the quietest of `windows` counts. */
  measureMs: number;
  windows: number;
}

export interface S1Run extends Usage {
  kind: string;
  sendsPerSecond: number;
  acked: number;
  failed: number;
  /** Server CPU time (user + system, all nodes) per acknowledged send. */
  serverCpuUsPerSend: number;
  placement: string;
  connectMs: number;
  /** Every window, and whether it counted (see measureQuiet). */
  windows: Array<{ sendsPerSecond: number; otherCores: number | null; used: boolean }>;
  stored?: { messages: number; copies: number; ackedTotal: number };
  profiles?: ProfileSummary[];
}

/** S1 on a connected rig: flood, warm up, measure, stop; then the servers stop and their rows are counted. */
export async function driveS1(
  setup: Setup,
  kind: string,
  params: S1Params,
  options: ServerScenarioOptions,
  profileName: string,
): Promise<S1Run> {
  const { rig } = setup;
  await Promise.all(rig.servers.map((s) => s.probe({ cmd: 'gc' })));
  await rig.load.call({ cmd: 'flood', window: params.window, content });
  await sleep(params.warmupMs);
  const measured = await measureQuiet(rig, params.measureMs, params.windows, profileFiles(options, profileName, rig));
  const w = measured.merged;
  const final = await rig.load.call<LoadSnapshot>({ cmd: 'stop' }, 60_000);
  await rig.load.call({ cmd: 'disconnect' });
  const acked = w.load[1].acked - w.load[0].acked;
  const serverCpuUs = w.servers.reduce(
    (total, [a, b]) => total + b.cpuUserUs + b.cpuSystemUs - a.cpuUserUs - a.cpuSystemUs,
    0,
  );
  const run: S1Run = {
    kind,
    sendsPerSecond: acked / ((w.load[1].at - w.load[0].at) / 1000),
    acked,
    failed: w.load[1].failed - w.load[0].failed,
    ...usage(w),
    serverCpuUsPerSend: serverCpuUs / acked,
    placement: setup.placement,
    connectMs: setup.connectMs,
    windows: measured.all.map((x, i) => ({
      sendsPerSecond: (x.load[1].acked - x.load[0].acked) / ((x.load[1].at - x.load[0].at) / 1000),
      otherCores: x.otherCores,
      used: measured.used[i]!,
    })),
    ...(measured.profiles ? { profiles: measured.profiles } : {}),
  };
  await Promise.all(rig.servers.map((s) => s.stop()));
  if (setup.stored) run.stored = { ...(await setup.stored()), ackedTotal: final.acked };
  return run;
}

/** The minimal run, then the real one, printed as they finish, and the row with its verdict. */
export async function compareS1(
  id: string,
  title: string,
  params: S1Params,
  run: (kind: ServerKind) => Promise<S1Run>,
): Promise<ScenarioResult> {
  const started = performance.now();
  const line = (r: S1Run) =>
    `${fmt(r.sendsPerSecond)} acked sends/s (${cpuText(r)}, ${fmt(r.serverCpuUsPerSend, 1)} µs of server CPU per send; event loop busy ${pct(r.serverEventLoopBusy)}; load generator CPU ${pct(r.loadCpu)}${others(r.otherCores)})`;
  const windows = (r: S1Run) => r.windows.map((x) => `${fmt(x.sendsPerSecond)}/s (${restText(x)})`).join(', ');
  const minimal = await run('minimal');
  say(`  minimal: ${line(minimal)}`);
  say(`           windows: ${windows(minimal)}`);
  const real = await run('real');
  say(`  real:    ${line(real)}`);
  say(`           windows: ${windows(real)}`);
  sayProfiles('minimal', id, minimal.profiles);
  sayProfiles('real', id, real.profiles);
  if (real.stored)
    say(
      `  real:    ${fmt(real.stored.messages)} messages and ${fmt(real.stored.copies)} copies in the database for ${fmt(real.stored.ackedTotal)} acks`,
    );
  const ratio = real.sendsPerSecond / minimal.sendsPerSecond;
  const notes: string[] = [];
  if (
    real.stored &&
    (real.stored.messages !== real.stored.ackedTotal || real.stored.copies !== 2 * real.stored.messages)
  ) {
    notes.push(`stored rows do not match the acks: ${JSON.stringify(real.stored)}`);
  }
  if (minimal.loadCpu > 0.9)
    notes.push(
      'the load generator was saturated against the minimal server: the ceiling is a lower bound, so the ratio is an upper bound',
    );
  if (real.failed + minimal.failed > 0) notes.push(`failed sends: real ${real.failed}, minimal ${minimal.failed}`);
  return {
    id,
    title,
    measured: `${fmt(real.sendsPerSecond)} acked sends/s (${params.pairs} pairs, ${params.pairs * 2} senders, ${params.window} in flight each; ${cpuText(real)})`,
    reference: `minimal Socket.IO server: ${fmt(minimal.sendsPerSecond)} sends/s (${cpuText(minimal)}, load CPU ${pct(minimal.loadCpu)})`,
    ratio,
    ratioMeaning: 'real / minimal',
    goals: [{ text: '≥ 50 % of the ceiling', pass: ratio >= 0.5, reading: `${fmt(ratio * 100)} %` }],
    placement: real.placement,
    details: { params, real, minimal },
    notes,
    durationMs: performance.now() - started,
  };
}

export function runS1(params: S1Params, options: ServerScenarioOptions): Promise<ScenarioResult> {
  return compareS1('S1', 'acknowledged 1:1 sends per second, durable dual writes', params, (kind) =>
    oneNode('s1', kind, params.pairs * 2, (setup) => driveS1(setup, kind, params, options, `s1-${kind}`)),
  );
}

// ---------------------------------------------------------------------------------------
// S2: send → peer-delivery latency at 1,000 pairs, each user sending once a second.

export interface S2Params {
  pairs: number;
  /** Each sender sends once per period: the offered load is pairs × 2 × 1000 / periodMs sends/s. */
  periodMs: number;
  warmupMs: number;
  /** Length of one measured window; the quietest of `windows` counts. */
  measureMs: number;
  windows: number;
}

export interface S2Run extends Usage {
  kind: string;
  samples: number;
  p50: number;
  p99: number;
  max: number;
  ackP50: number;
  ackP99: number;
  sendsPerSecond: number;
  failed: number;
  placement: string;
  connectMs: number;
  windows: Array<{ p50: number; p99: number; otherCores: number | null; used: boolean }>;
  /** Over every window, back to back: whether the server kept up with the offered load. */
  capacity: Capacity;
  /** When, after the warm-up, the windows started: once the backlog had drained. */
  settling: Settling;
  profiles?: ProfileSummary[];
}

/** S2 on a connected rig: pace, warm up until steady, measure, stop. */
export async function driveS2(
  setup: Setup,
  kind: string,
  params: S2Params,
  options: ServerScenarioOptions,
  profileName: string,
): Promise<S2Run> {
  const { rig } = setup;
  say(`  ${kind}: ${fmt(params.pairs * 2)} sockets connected in ${fmt(setup.connectMs / 1000, 1)} s`);
  // Connecting leaves garbage (the real server's presence frames: 2 million for 2,000
  // users); collect it now so that the windows see the steady state, not the setup.
  await Promise.all(rig.servers.map((s) => s.probe({ cmd: 'gc' })));
  await rig.load.call({ cmd: 'pace', periodMs: params.periodMs, content });
  await sleep(params.warmupMs);
  const settling = await untilSteady(rig, (params.pairs * 2 * 1000) / params.periodMs);
  const measured = await measureQuiet(rig, params.measureMs, params.windows, profileFiles(options, profileName, rig));
  const w = measured.merged;
  await rig.load.call({ cmd: 'stop' }, 60_000);
  await rig.load.call({ cmd: 'disconnect' });
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const delivery = sorted(w.load[1].deliveryMs);
  const acks = sorted(w.load[1].ackMs);
  return {
    kind,
    samples: delivery.length,
    p50: percentile(delivery, 50),
    p99: percentile(delivery, 99),
    max: delivery.at(-1) ?? NaN,
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    sendsPerSecond: (w.load[1].sent - w.load[0].sent) / ((w.load[1].at - w.load[0].at) / 1000),
    failed: w.load[1].failed - w.load[0].failed,
    ...usage(w),
    placement: setup.placement,
    connectMs: setup.connectMs,
    windows: measured.all.map((x, i) => {
      const one = sorted(x.load[1].deliveryMs);
      return { p50: percentile(one, 50), p99: percentile(one, 99), otherCores: x.otherCores, used: measured.used[i]! };
    }),
    capacity: capacityOf(measured.all),
    settling,
    ...(measured.profiles ? { profiles: measured.profiles } : {}),
  };
}

/**
 * The minimal run, then the real one, printed as they finish, and the row with its verdicts.
 * `offer` says how the offered load was chosen, when it is not the nominal one.
 */
export async function compareS2(
  id: string,
  title: string,
  params: S2Params,
  run: (kind: ServerKind) => Promise<S2Run>,
  offer?: string,
): Promise<ScenarioResult> {
  const started = performance.now();
  const offered = (params.pairs * 2 * 1000) / params.periodMs;
  if (offer) say(`  offered load: ${fmt(offered)} sends/s (${offer})`);
  const line = (r: S2Run) =>
    `p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms, max ${fmt(r.max, 1)} ms over ${fmt(r.samples)} deliveries (${fmt(r.sendsPerSecond)} sends/s offered, ${fmt(r.capacity.acknowledgedPerSecond)}/s acknowledged${r.capacity.over ? ', OVER CAPACITY' : ''}; ${cpuText(r)}, load CPU ${pct(r.loadCpu)}${others(r.otherCores)})`;
  const windows = (r: S2Run) =>
    `${r.windows.map((x) => `p99 ${fmt(x.p99, 1)} ms (${restText(x)})`).join(', ')}; from ${fmt(r.settling.waitedMs / 1000, 1)} s after the warm-up`;
  const minimal = await run('minimal');
  say(`  minimal: ${line(minimal)}`);
  say(`           windows: ${windows(minimal)}`);
  const real = await run('real');
  say(`  real:    ${line(real)}`);
  say(`           windows: ${windows(real)}`);
  sayProfiles('minimal', id, minimal.profiles);
  sayProfiles('real', id, real.profiles);
  const ratio = real.p99 / minimal.p99;
  const notes: string[] = offer ? [`offered load ${fmt(offered)} sends/s: ${offer}`] : [];
  if (real.failed + minimal.failed > 0) notes.push(`failed sends: real ${real.failed}, minimal ${minimal.failed}`);
  for (const r of [real, minimal]) {
    if (!r.settling.steady)
      notes.push(
        `${r.kind}: ${fmt(r.settling.backlog)} sends still not done with ${fmt(settlingMaxMs / 1000)} s after the warm-up; its windows ran anyway`,
      );
    const c = r.capacity;
    if (c.over)
      notes.push(
        `${r.kind}: ${c.over}; sends awaiting their ack ${fmt(c.backlogAtStart)} at the start of the windows, ${fmt(c.backlogAtEnd)} at the end: its latencies are those of a growing queue`,
      );
  }
  // The load generator sends on timers; when they fire late (its core is short of CPU) it offers less than planned.
  const planned = offered;
  for (const r of [real, minimal].filter((x) => x.sendsPerSecond < 0.95 * planned)) {
    notes.push(
      `${r.kind}: the load generator sent ${fmt(r.sendsPerSecond)} of the planned ${fmt(planned)} sends/s (its timers fired late: the machine was saturated, and the latency is mostly queueing)`,
    );
  }
  const reference = `minimal server relaying: p50 ${fmt(minimal.p50, 2)} ms, p99 ${fmt(minimal.p99, 2)} ms${minimal.capacity.over ? ` (${minimal.capacity.over})` : ''}`;
  // Past capacity the latency is how long the queue has grown, not the path's: the row says so instead.
  const over = real.capacity.over;
  return {
    id,
    title,
    measured: over
      ? `${over} (${params.pairs} pairs); latency not read: the queue grew through the windows`
      : `p50 ${fmt(real.p50, 2)} ms, p99 ${fmt(real.p99, 2)} ms (${params.pairs} pairs, ${fmt(real.sendsPerSecond)} sends/s)`,
    reference,
    ratio: over ? null : ratio,
    ratioMeaning: 'p99 real / p99 minimal',
    goals: over
      ? [{ text: 'the offered load within the path’s capacity', pass: false, reading: over }]
      : [
          { text: 'p99 ≤ 2× the ceiling’s', pass: ratio <= 2, reading: `${fmt(ratio, 2)}×` },
          { text: 'p99 < 50 ms', pass: real.p99 < 50, reading: `${fmt(real.p99, 2)} ms` },
        ],
    placement: real.placement,
    details: { params, offeredPerSecond: offered, ...(offer ? { offer } : {}), real, minimal },
    notes,
    durationMs: performance.now() - started,
  };
}

export function runS2(params: S2Params, options: ServerScenarioOptions): Promise<ScenarioResult> {
  return compareS2('S2', 'send → peer-delivery latency, 1,000 pairs at 1 msg/s each', params, (kind) =>
    oneNode('s2', kind, params.pairs * 2, (setup) => driveS2(setup, kind, params, options, `s2-${kind}`)),
  );
}
