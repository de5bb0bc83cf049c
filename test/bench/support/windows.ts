// Measured windows of S1 and S2, for one server process or several nodes: snapshots of the
// load generator and of every server's probe at both ends of a window, the CPU of the
// services the nodes share (PostgreSQL, Redis) and of the rest of the machine, and the
// choice of the windows that count.
import { summarize, type ProfileSummary } from './cpu-profile.js';
import type { LoadSnapshot, ProbeReply, Settling } from './ipc.js';
import type { Child, ServerChild } from './procs.js';
import { machineBusySeconds } from './report.js';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a measured run drives: its server processes and one load generator holding every socket. */
export interface Rig {
  servers: ServerChild[];
  load: Child;
  /** Cumulative CPU seconds of each process group the servers use (PostgreSQL, Redis), if any. */
  serviceCpu?: () => Record<string, number>;
}

export interface Window {
  load: [LoadSnapshot, LoadSnapshot];
  /** Every server process's probe at the start and the end of the window. */
  servers: Array<[ProbeReply, ProbeReply]>;
  /** CPU seconds each service used during the window (empty without services). */
  services: Record<string, number>;
  /** CPU the rest of the machine used during the window, in cores (null off Linux). */
  otherCores: number | null;
}

type Cpu = { cpuUserUs: number; cpuSystemUs: number };
const cpuSeconds = (a: Cpu, b: Cpu) => (b.cpuUserUs + b.cpuSystemUs - a.cpuUserUs - a.cpuSystemUs) / 1e6;
const sumOf = (values: number[]) => values.reduce((total, v) => total + v, 0);

/** Snapshots of every process at the start and end of the measured window. */
async function measure(rig: Rig, ms: number): Promise<Window> {
  const take = () =>
    Promise.all([
      rig.load.call<LoadSnapshot>({ cmd: 'snapshot' }),
      Promise.all(rig.servers.map((s) => s.probe({ cmd: 'sample' }))),
    ]);
  const busy0 = machineBusySeconds();
  const services0 = rig.serviceCpu?.() ?? {};
  const started = performance.now();
  const [load0, servers0] = await take();
  await sleep(ms);
  const [load1, servers1] = await take();
  const services1 = rig.serviceCpu?.() ?? {};
  const busy1 = machineBusySeconds();
  const wallS = (performance.now() - started) / 1000;
  const services = Object.fromEntries(
    Object.keys(services1).map((name) => [name, services1[name]! - (services0[name] ?? 0)]),
  );
  const ours =
    cpuSeconds(load0, load1) +
    sumOf(servers0.map((s, i) => cpuSeconds(s, servers1[i]!))) +
    sumOf(Object.values(services));
  const otherCores = busy0 === null || busy1 === null ? null : Math.max(0, (busy1 - busy0 - ours) / wallS);
  return { load: [load0, load1], servers: servers0.map((s, i) => [s, servers1[i]!]), services, otherCores };
}

/** The longest wait for a paced load's steady state before the windows run anyway. */
export const settlingMaxMs = 20_000;

/**
 * After a paced load's warm-up: resolves once its backlog is that of a steady state, so that the
 * windows measure the path, not the drain of its first seconds. The load generator answers at
 * the ack or delivery that makes it so (steady.ts), or after `settlingMaxMs`, when the windows
 * run anyway and the row says so.
 */
export function untilSteady(rig: Rig, offeredPerSecond: number): Promise<Settling> {
  return rig.load.call<Settling>({ cmd: 'steady', offeredPerSecond, maxMs: settlingMaxMs });
}

/**
 * `count` windows back to back on the same connections. On a shared machine another
 * process's burst lands in some windows, not in all: the windows during which the rest of
 * the machine used at most 0.1 core more than in the quietest one are merged into the
 * result, the others are only reported. The choice reads that interference, never the result.
 * With `profileFiles` (one per server), each server's CPU profile covers all the windows.
 */
export async function measureQuiet(
  rig: Rig,
  ms: number,
  count: number,
  profileFiles?: string[],
): Promise<{ merged: Window; all: Window[]; used: boolean[]; profiles?: ProfileSummary[] }> {
  if (profileFiles) await Promise.all(rig.servers.map((s) => s.probe({ cmd: 'profile-start' })));
  const all: Window[] = [];
  for (let i = 0; i < count; i++) all.push(await measure(rig, ms));
  let profiles: ProfileSummary[] | undefined;
  if (profileFiles) {
    await Promise.all(rig.servers.map((s, i) => s.probe({ cmd: 'profile-stop', file: profileFiles[i]! })));
    profiles = profileFiles.map((file) => summarize(file));
  }
  const quietest = Math.min(...all.map((w) => w.otherCores ?? 0));
  const used = all.map((w) => (w.otherCores ?? 0) <= quietest + 0.1);
  return { merged: mergeWindows(all.filter((_, i) => used[i])), all, used, ...(profiles ? { profiles } : {}) };
}

/** One window made of several: counts, CPU and time summed, latency samples pooled. */
export function mergeWindows(windows: Window[]): Window {
  const last = windows.at(-1)!;
  const sum = (f: (w: Window) => number) => sumOf(windows.map(f));
  const delta = <T extends object>(pick: (w: Window) => [T, T], key: keyof T) =>
    sum((w) => (pick(w)[1][key] as number) - (pick(w)[0][key] as number));
  const loadOf = (w: Window) => w.load;
  const zeroLoad: LoadSnapshot = {
    ...last.load[1],
    at: 0,
    sent: 0,
    acked: 0,
    failed: 0,
    delivered: 0,
    cpuUserUs: 0,
    cpuSystemUs: 0,
    deliveryMs: [],
    ackMs: [],
  };
  const wall = sum((w) => w.load[1].at - w.load[0].at);
  const mergedServer = (i: number): [ProbeReply, ProbeReply] => {
    const serverOf = (w: Window) => w.servers[i]!;
    const lastReply = serverOf(last)[1];
    return [
      { ...lastReply, at: 0, cpuUserUs: 0, cpuSystemUs: 0, eluIdle: 0, eluActive: 0 },
      {
        ...lastReply,
        at: sum((w) => serverOf(w)[1].at - serverOf(w)[0].at),
        cpuUserUs: delta(serverOf, 'cpuUserUs'),
        cpuSystemUs: delta(serverOf, 'cpuSystemUs'),
        eluIdle: delta(serverOf, 'eluIdle'),
        eluActive: delta(serverOf, 'eluActive'),
      },
    ];
  };
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
    servers: last.servers.map((_, i) => mergedServer(i)),
    services: Object.fromEntries(Object.keys(last.services).map((name) => [name, sum((w) => w.services[name] ?? 0)])),
    otherCores: windows.some((w) => w.otherCores === null)
      ? null
      : sum((w) => (w.otherCores ?? 0) * (w.load[1].at - w.load[0].at)) / wall,
  };
}

export interface Usage {
  /** Cores the server processes used, all nodes together. */
  serverCpu: number;
  /** Share of the time the servers' event loops were busy (all nodes pooled). */
  serverEventLoopBusy: number;
  /** Cores each node used, with more than one node. */
  nodeCpu?: number[];
  /** Cores each service used (PostgreSQL, Redis), when there are any. */
  serviceCpu?: Record<string, number>;
  loadCpu: number;
  otherCores: number | null;
}

export function usage(w: Window): Usage {
  const wallS = (w.load[1].at - w.load[0].at) / 1000;
  const nodeCpu = w.servers.map(([a, b]) => cpuSeconds(a, b) / ((b.at - a.at) / 1000));
  const active = sumOf(w.servers.map(([a, b]) => b.eluActive - a.eluActive));
  const idle = sumOf(w.servers.map(([a, b]) => b.eluIdle - a.eluIdle));
  const services = Object.entries(w.services);
  return {
    serverCpu: sumOf(nodeCpu),
    serverEventLoopBusy: active / (active + idle),
    ...(nodeCpu.length > 1 ? { nodeCpu } : {}),
    ...(services.length > 0 ? { serviceCpu: Object.fromEntries(services.map(([name, s]) => [name, s / wallS])) } : {}),
    loadCpu: cpuSeconds(w.load[0], w.load[1]) / wallS,
    otherCores: w.otherCores,
  };
}
