// S1–S3: the real server (server/cli.ts, SQLite, send limit off) against the minimal
// Socket.IO server of minimal-server.ts, each driven by the same load generator process.
import path from 'node:path';
import Database from 'better-sqlite3';
import { summarize, formatSummary, type ProfileSummary } from '../support/cpu-profile.js';
import type { BenchSocket, ConnectResult, LoadSnapshot, ProbeReply } from '../support/ipc.js';
import { startLoadGenerator, startMinimalServer, startRealServer, type Child, type ServerChild } from '../support/procs.js';
import { fmt, machineBusySeconds, percentile, say, type ScenarioResult } from '../support/report.js';
import { removeSeed, seedUsers, type Seeded } from '../support/seed.js';
import { databaseFileName } from '../../../server/store/sqlite/sqlite-store.js';
import { loopbackPlan } from '../support/ports.js';

export type ServerKind = 'real' | 'minimal';

export interface ServerScenarioOptions {
  /** Record a CPU profile of the measured window of each real-server run. */
  profile: boolean;
  profileDir: string;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** ~100 characters, a typical chat line. */
const content = 'The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs, thanks! 0123';

export async function startServerOf(kind: ServerKind, seeded: Seeded): Promise<ServerChild> {
  return kind === 'real' ? startRealServer(seeded.dataDir) : startMinimalServer(seeded.tokensFile);
}

export function placementOf(server: Child, load: Child): string {
  return `server pid ${server.pid} on ${server.coreLabel}, load generator pid ${load.pid} on ${load.coreLabel}`;
}

/** One socket per user, users paired 1↔2, 3↔4, …; all of them send to their peer. */
function pairedSockets(seeded: Seeded): BenchSocket[] {
  const sockets: BenchSocket[] = [];
  for (let i = 0; i + 1 < seeded.users.length; i += 2) {
    const a = seeded.users[i]!;
    const b = seeded.users[i + 1]!;
    sockets.push({ user: a.id, token: a.tokens[0]!, peer: b.id }, { user: b.id, token: b.tokens[0]!, peer: a.id });
  }
  return sockets;
}

interface Window {
  load: [LoadSnapshot, LoadSnapshot];
  server: [ProbeReply, ProbeReply];
  /** CPU the rest of the machine used during the window, in cores (null off Linux). */
  otherCores: number | null;
}

/** Snapshots of both processes at the start and end of the measured window. */
async function measure(server: ServerChild, load: Child, ms: number): Promise<Window> {
  const busy0 = machineBusySeconds();
  const started = performance.now();
  const [load0, server0] = await Promise.all([
    load.call<LoadSnapshot>({ cmd: 'snapshot' }),
    server.probe({ cmd: 'sample' }),
  ]);
  await sleep(ms);
  const [load1, server1] = await Promise.all([
    load.call<LoadSnapshot>({ cmd: 'snapshot' }),
    server.probe({ cmd: 'sample' }),
  ]);
  const busy1 = machineBusySeconds();
  const wallS = (performance.now() - started) / 1000;
  const ours = (s: { cpuUserUs: number; cpuSystemUs: number }, t: { cpuUserUs: number; cpuSystemUs: number }) => (t.cpuUserUs + t.cpuSystemUs - s.cpuUserUs - s.cpuSystemUs) / 1e6;
  const otherCores = busy0 === null || busy1 === null ? null : Math.max(0, (busy1 - busy0 - ours(server0, server1) - ours(load0, load1)) / wallS);
  return { load: [load0, load1], server: [server0, server1], otherCores };
}

/**
 * `count` windows back to back on the same connections. On a shared machine another
 * process's burst lands in some windows, not in all: the windows during which the rest of
 * the machine used at most 0.1 core more than in the quietest one are merged into the
 * result, the others are only reported. The choice reads that interference, never the result.
 */
async function measureQuiet(
  server: ServerChild,
  load: Child,
  ms: number,
  count: number,
  profileFile?: string,
): Promise<{ merged: Window; all: Window[]; used: boolean[]; profile?: ProfileSummary }> {
  if (profileFile) await server.probe({ cmd: 'profile-start' });
  const all: Window[] = [];
  for (let i = 0; i < count; i++) all.push(await measure(server, load, ms));
  let profile: ProfileSummary | undefined;
  if (profileFile) {
    await server.probe({ cmd: 'profile-stop', file: profileFile });
    profile = summarize(profileFile);
  }
  const quietest = Math.min(...all.map((w) => w.otherCores ?? 0));
  const used = all.map((w) => (w.otherCores ?? 0) <= quietest + 0.1);
  return { merged: mergeWindows(all.filter((_, i) => used[i])), all, used, ...(profile ? { profile } : {}) };
}

/** One window made of several: counts, CPU and time summed, latency samples pooled. */
function mergeWindows(windows: Window[]): Window {
  const last = windows.at(-1)!;
  const sum = (f: (w: Window) => number) => windows.reduce((total, w) => total + f(w), 0);
  const delta = <T extends object>(pick: (w: Window) => [T, T], key: keyof T) =>
    sum((w) => (pick(w)[1][key] as number) - (pick(w)[0][key] as number));
  const loadOf = (w: Window) => w.load;
  const serverOf = (w: Window) => w.server;
  const zeroLoad: LoadSnapshot = { ...last.load[1], at: 0, sent: 0, acked: 0, failed: 0, delivered: 0, cpuUserUs: 0, cpuSystemUs: 0, deliveryMs: [], ackMs: [] };
  const zeroServer: ProbeReply = { ...last.server[1], at: 0, cpuUserUs: 0, cpuSystemUs: 0, eluIdle: 0, eluActive: 0 };
  const wall = sum((w) => w.load[1].at - w.load[0].at);
  return {
    load: [
      zeroLoad,
      {
        ...last.load[1],
        at: wall,
        sent: delta(loadOf, 'sent'),
        acked: delta(loadOf, 'acked'),
        failed: delta(loadOf, 'failed'),
        delivered: delta(loadOf, 'delivered'),
        cpuUserUs: delta(loadOf, 'cpuUserUs'),
        cpuSystemUs: delta(loadOf, 'cpuSystemUs'),
        deliveryMs: windows.flatMap((w) => w.load[1].deliveryMs),
        ackMs: windows.flatMap((w) => w.load[1].ackMs),
      },
    ],
    server: [
      zeroServer,
      {
        ...last.server[1],
        at: sum((w) => w.server[1].at - w.server[0].at),
        cpuUserUs: delta(serverOf, 'cpuUserUs'),
        cpuSystemUs: delta(serverOf, 'cpuSystemUs'),
        eluIdle: delta(serverOf, 'eluIdle'),
        eluActive: delta(serverOf, 'eluActive'),
      },
    ],
    otherCores: windows.some((w) => w.otherCores === null) ? null : sum((w) => (w.otherCores ?? 0) * (w.load[1].at - w.load[0].at)) / wall,
  };
}

function cpuShare(a: { cpuUserUs: number; cpuSystemUs: number }, b: { cpuUserUs: number; cpuSystemUs: number }, wallMs: number): number {
  return (b.cpuUserUs + b.cpuSystemUs - a.cpuUserUs - a.cpuSystemUs) / 1000 / wallMs;
}

function usage(w: Window) {
  const loadWall = w.load[1].at - w.load[0].at;
  const serverWall = w.server[1].at - w.server[0].at;
  const active = w.server[1].eluActive - w.server[0].eluActive;
  const idle = w.server[1].eluIdle - w.server[0].eluIdle;
  return {
    serverCpu: cpuShare(w.server[0], w.server[1], serverWall),
    serverEventLoopBusy: active / (active + idle),
    loadCpu: cpuShare(w.load[0], w.load[1], loadWall),
    otherCores: w.otherCores,
  };
}

const pct = (share: number) => `${Math.round(share * 100)} %`;
/** Other processes on the machine during the window: noise the numbers carry. */
const others = (cores: number | null) => (cores === null ? '' : `; rest of the machine ${fmt(cores, 2)} cores`);

export async function connectAll(load: Child, url: string, sockets: BenchSocket[]): Promise<ConnectResult> {
  const plan = loopbackPlan(sockets.length);
  const result = await load.call<ConnectResult>(
    { cmd: 'connect', url, sockets, concurrency: 100, localAddresses: plan.localAddresses },
    600_000,
  );
  if (result.failed > 0) throw new Error(`${result.failed} of ${sockets.length} sockets failed to connect: ${result.errors.slice(0, 3).join('; ')}`);
  return result;
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

interface S1Run {
  kind: ServerKind;
  sendsPerSecond: number;
  acked: number;
  failed: number;
  serverCpu: number;
  serverEventLoopBusy: number;
  loadCpu: number;
  otherCores: number | null;
  /** Server CPU time (user + system) per acknowledged send. */
  serverCpuUsPerSend: number;
  placement: string;
  connectMs: number;
  /** Every window, and whether it counted (see measureQuiet). */
  windows: Array<{ sendsPerSecond: number; otherCores: number | null; used: boolean }>;
  stored?: { messages: number; copies: number; ackedTotal: number };
  profile?: ProfileSummary;
}

async function s1Run(kind: ServerKind, params: S1Params, options: ServerScenarioOptions): Promise<S1Run> {
  const seeded = await seedUsers('s1', params.pairs * 2);
  const server = await startServerOf(kind, seeded);
  const load = startLoadGenerator();
  try {
    const connected = await connectAll(load, server.url, pairedSockets(seeded));
    await server.probe({ cmd: 'gc' });
    await load.call({ cmd: 'flood', window: params.window, content });
    await sleep(params.warmupMs);
    const profileFile = options.profile ? path.join(options.profileDir, `s1-${kind}.cpuprofile`) : undefined;
    const measured = await measureQuiet(server, load, params.measureMs, params.windows, profileFile);
    const w = measured.merged;
    const final = await load.call<LoadSnapshot>({ cmd: 'stop' }, 60_000);
    await load.call({ cmd: 'disconnect' });
    const acked = w.load[1].acked - w.load[0].acked;
    const serverCpuUs = w.server[1].cpuUserUs + w.server[1].cpuSystemUs - w.server[0].cpuUserUs - w.server[0].cpuSystemUs;
    const run: S1Run = {
      kind,
      sendsPerSecond: acked / ((w.load[1].at - w.load[0].at) / 1000),
      acked,
      failed: w.load[1].failed - w.load[0].failed,
      ...usage(w),
      serverCpuUsPerSend: serverCpuUs / acked,
      placement: placementOf(server, load),
      connectMs: connected.ms,
      windows: measured.all.map((x, i) => ({
        sendsPerSecond: (x.load[1].acked - x.load[0].acked) / ((x.load[1].at - x.load[0].at) / 1000),
        otherCores: x.otherCores,
        used: measured.used[i]!,
      })),
      ...(measured.profile ? { profile: measured.profile } : {}),
    };
    await server.stop();
    if (kind === 'real') {
      // Every ack is a stored message with two copies: check it in the file the server wrote.
      const db = new Database(path.join(seeded.dataDir, databaseFileName), { readonly: true });
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      run.stored = { messages: count('messages'), copies: count('copies'), ackedTotal: final.acked };
      db.close();
    }
    return run;
  } finally {
    await load.stop();
    await server.stop();
    removeSeed(seeded);
  }
}

export async function runS1(params: S1Params, options: ServerScenarioOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const minimal = await s1Run('minimal', params, options);
  const line = (r: S1Run) =>
    `${fmt(r.sendsPerSecond)} acked sends/s (server CPU ${pct(r.serverCpu)}, ${fmt(r.serverCpuUsPerSend, 1)} µs per send; event loop busy ${pct(r.serverEventLoopBusy)}; load generator CPU ${pct(r.loadCpu)}${others(r.otherCores)})`;
  const windows = (r: S1Run) =>
    r.windows.map((x) => `${fmt(x.sendsPerSecond)}/s (rest ${x.otherCores === null ? '?' : fmt(x.otherCores, 2)}${x.used ? '' : ', not counted'})`).join(', ');
  say(`  minimal: ${line(minimal)}`);
  say(`           windows: ${windows(minimal)}`);
  const real = await s1Run('real', params, options);
  say(`  real:    ${line(real)}`);
  say(`           windows: ${windows(real)}`);
  if (minimal.profile) say(`  profile of the minimal server (S1):\n${formatSummary(minimal.profile)}`);
  if (real.profile) say(`  profile of the real server (S1):\n${formatSummary(real.profile)}`);
  if (real.stored) say(`  real:    ${fmt(real.stored.messages)} messages and ${fmt(real.stored.copies)} copies in the database for ${fmt(real.stored.ackedTotal)} acks`);
  const ratio = real.sendsPerSecond / minimal.sendsPerSecond;
  const notes: string[] = [];
  if (real.stored && (real.stored.messages !== real.stored.ackedTotal || real.stored.copies !== 2 * real.stored.messages)) {
    notes.push(`stored rows do not match the acks: ${JSON.stringify(real.stored)}`);
  }
  if (minimal.loadCpu > 0.9) notes.push('the load generator was saturated against the minimal server: the ceiling is a lower bound, so the ratio is an upper bound');
  if (real.failed + minimal.failed > 0) notes.push(`failed sends: real ${real.failed}, minimal ${minimal.failed}`);
  return {
    id: 'S1',
    title: 'acknowledged 1:1 sends per second, durable dual writes',
    measured: `${fmt(real.sendsPerSecond)} acked sends/s (${params.pairs} pairs, ${params.pairs * 2} senders, ${params.window} in flight each; server CPU ${pct(real.serverCpu)})`,
    reference: `minimal Socket.IO server: ${fmt(minimal.sendsPerSecond)} sends/s (server CPU ${pct(minimal.serverCpu)}, load CPU ${pct(minimal.loadCpu)})`,
    ratio,
    ratioMeaning: 'real / minimal',
    goals: [{ text: '≥ 50 % of the ceiling', pass: ratio >= 0.5, reading: `${fmt(ratio * 100)} %` }],
    placement: real.placement,
    details: { params, real, minimal },
    notes,
    durationMs: performance.now() - started,
  };
}

// ---------------------------------------------------------------------------------------
// S2: send → peer-delivery latency at 1,000 pairs, each user sending once a second.

export interface S2Params {
  pairs: number;
  periodMs: number;
  warmupMs: number;
  /** Length of one measured window; the quietest of `windows` counts. */
  measureMs: number;
  windows: number;
}

interface S2Run {
  kind: ServerKind;
  samples: number;
  p50: number;
  p99: number;
  max: number;
  ackP50: number;
  ackP99: number;
  sendsPerSecond: number;
  failed: number;
  serverCpu: number;
  serverEventLoopBusy: number;
  loadCpu: number;
  otherCores: number | null;
  placement: string;
  connectMs: number;
  windows: Array<{ p50: number; p99: number; otherCores: number | null; used: boolean }>;
  profile?: ProfileSummary;
}

async function s2Run(kind: ServerKind, params: S2Params, options: ServerScenarioOptions): Promise<S2Run> {
  const seeded = await seedUsers('s2', params.pairs * 2);
  const server = await startServerOf(kind, seeded);
  const load = startLoadGenerator();
  try {
    const connected = await connectAll(load, server.url, pairedSockets(seeded));
    say(`  ${kind}: ${fmt(connected.connected)} sockets connected in ${fmt(connected.ms / 1000, 1)} s`);
    // Connecting leaves garbage (the real server's presence frames: 2 million for 2,000
    // users); collect it now so that the windows see the steady state, not the setup.
    await server.probe({ cmd: 'gc' });
    await load.call({ cmd: 'pace', periodMs: params.periodMs, content });
    await sleep(params.warmupMs);
    const profileFile = options.profile ? path.join(options.profileDir, `s2-${kind}.cpuprofile`) : undefined;
    const measured = await measureQuiet(server, load, params.measureMs, params.windows, profileFile);
    const w = measured.merged;
    await load.call({ cmd: 'stop' }, 60_000);
    await load.call({ cmd: 'disconnect' });
    const delivery = [...w.load[1].deliveryMs].sort((a, b) => a - b);
    const acks = [...w.load[1].ackMs].sort((a, b) => a - b);
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
      placement: placementOf(server, load),
      connectMs: connected.ms,
      windows: measured.all.map((x, i) => {
        const sorted = [...x.load[1].deliveryMs].sort((a, b) => a - b);
        return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), otherCores: x.otherCores, used: measured.used[i]! };
      }),
      ...(measured.profile ? { profile: measured.profile } : {}),
    };
  } finally {
    await load.stop();
    await server.stop();
    removeSeed(seeded);
  }
}

export async function runS2(params: S2Params, options: ServerScenarioOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const line = (r: S2Run) =>
    `p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms, max ${fmt(r.max, 1)} ms over ${fmt(r.samples)} deliveries (${fmt(r.sendsPerSecond)} sends/s; server CPU ${pct(r.serverCpu)}, load CPU ${pct(r.loadCpu)}${others(r.otherCores)})`;
  const minimal = await s2Run('minimal', params, options);
  const windows = (r: S2Run) =>
    r.windows.map((x) => `p99 ${fmt(x.p99, 1)} ms (rest ${x.otherCores === null ? '?' : fmt(x.otherCores, 2)}${x.used ? '' : ', not counted'})`).join(', ');
  say(`  minimal: ${line(minimal)}`);
  say(`           windows: ${windows(minimal)}`);
  const real = await s2Run('real', params, options);
  say(`  real:    ${line(real)}`);
  say(`           windows: ${windows(real)}`);
  if (minimal.profile) say(`  profile of the minimal server (S2):\n${formatSummary(minimal.profile)}`);
  if (real.profile) say(`  profile of the real server (S2):\n${formatSummary(real.profile)}`);
  const ratio = real.p99 / minimal.p99;
  const notes: string[] = [];
  if (real.failed + minimal.failed > 0) notes.push(`failed sends: real ${real.failed}, minimal ${minimal.failed}`);
  return {
    id: 'S2',
    title: 'send → peer-delivery latency, 1,000 pairs at 1 msg/s each',
    measured: `p50 ${fmt(real.p50, 2)} ms, p99 ${fmt(real.p99, 2)} ms (${params.pairs} pairs, ${fmt(real.sendsPerSecond)} sends/s)`,
    reference: `minimal server relaying: p50 ${fmt(minimal.p50, 2)} ms, p99 ${fmt(minimal.p99, 2)} ms`,
    ratio,
    ratioMeaning: 'p99 real / p99 minimal',
    goals: [
      { text: 'p99 ≤ 2× the ceiling’s', pass: ratio <= 2, reading: `${fmt(ratio, 2)}×` },
      { text: 'p99 < 50 ms', pass: real.p99 < 50, reading: `${fmt(real.p99, 2)} ms` },
    ],
    placement: real.placement,
    details: { params, real, minimal },
    notes,
    durationMs: performance.now() - started,
  };
}

// ---------------------------------------------------------------------------------------
// S3: server memory per idle authenticated socket.
