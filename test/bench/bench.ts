// `npm run bench`: every scenario of docs/performance.md, each against its ceiling or
// baseline in the same run, then a table and test-results/bench.json.
//
//   npm run bench [-- --only S1,S3] [--quick] [--profile] [--out FILE]
//
// --only     the scenarios to run, by id. S1 and S2 each have two rows: one node (SQLite), and
//            two nodes (ids "S1·2 nodes", "S2·2 nodes": two real servers on a throwaway
//            PostgreSQL and Redis, every pair split across them, against two minimal servers
//            on the Socket.IO Redis adapter; see scenarios/two-node.ts). `S1` selects both S1
//            rows, `S1N` only the two-node one, `S1-1` only the one-node one; the same for S2.
//            The two-node rows measure shorter windows (two instead of three for S1, two of
//            10 s instead of 15 s for S2) to keep the whole bench under 10 minutes on 2 cores.
//            S2·2 nodes offers half of what the real two nodes sustain on this machine (fewer
//            sends per user, the same 2,000 users; at most the nominal 2,000/s): the acked rate
//            of S1·2 nodes when it ran earlier in the same run, else a 3 s probe with S1's load
//            of its own. The offered load and where it came from are printed and kept in the JSON.
//            Every S2 row (one node too) checks that the server kept up over its windows: when
//            its acks (or the peers' deliveries) fall behind the sends offered by more than 3 %
//            (and more than a quarter second of them), the row reads "over capacity: offered
//            X/s, acknowledged Y/s" and MISS instead of the latency of a growing queue.
// --quick    small counts and short windows, for trying the bench out (not for recording)
// --s10-messages N  S10's store size (default 1,000,000; --quick 100,000)
// --profile  records CPU profiles of both servers' measured windows in S1 and S2 (and S6's storm), and of the
//            renderer page in S5, and prints their top self-time entries (adds sampling
//            overhead to those runs: do not record numbers taken with it)
//
// BENCH_SERVER_SCRIPT=path runs that script (same arguments as server/cli.ts, and it must
// print the same first line) as the real server instead: how a server change is compared
// with what it replaces, before and after, in the same conditions.
//
// Goals are read off the ratios and printed PASS or MISS; the process exits 0 either way,
// and 1 only when a scenario crashed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runS3 } from './scenarios/s3-idle-sockets.js';
import { runS1, runS2, type S1Run } from './scenarios/server-scenarios.js';
import { runS1TwoNodes, runS2TwoNodes } from './scenarios/two-node.js';
import { runS4 } from './scenarios/s4-cache.js';
import { runS5 } from './scenarios/s5-paint.js';
import { runS6 } from './scenarios/s6-reconnect-storm.js';
import { runS7 } from './scenarios/s7-hostile-sockets.js';
import { runS8 } from './scenarios/s8-heavy-reads.js';
import { runS9 } from './scenarios/s9-files.js';
import { runS10 } from './scenarios/s10-search.js';
import { runS11 } from './scenarios/s11-launch.js';
import { stopAllServices } from './support/cluster.js';
import { cores, canPin, killAll, projectRoot } from './support/procs.js';
import { machine, say, table, writeJson, type ScenarioResult } from './support/report.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string): string | undefined => {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
};

const quick = flag('--quick');
const profile = flag('--profile');
const only = option('--only')?.toUpperCase().split(',');
const outFile = path.resolve(option('--out') ?? path.join(projectRoot, 'test-results', 'bench.json'));
const profileDir = path.join(path.dirname(outFile), 'bench-profiles');

/** The real two nodes' acked sends/s in S1·2 nodes of this run: S2·2 nodes offers half of it. */
let twoNodeCapacity: number | undefined;

/** `keys`: what --only matches (the id itself when absent). */
const s1Params = quick
  ? { pairs: 20, window: 4, warmupMs: 1000, measureMs: 1000, windows: 2 }
  : { pairs: 100, window: 4, warmupMs: 3000, measureMs: 5000, windows: 3 };
const s2Params = quick
  ? { pairs: 100, periodMs: 1000, warmupMs: 1000, measureMs: 2000, windows: 2 }
  : { pairs: 1000, periodMs: 1000, warmupMs: 5000, measureMs: 15_000, windows: 2 };

const scenarios: Array<{ id: string; keys?: string[]; title: string; run: () => Promise<ScenarioResult> }> = [
  {
    id: 'S1',
    keys: ['S1', 'S1-1'],
    title: 'acknowledged sends/s, real server vs minimal Socket.IO server',
    run: () => runS1(s1Params, { profile, profileDir }),
  },
  {
    id: 'S1·2 nodes',
    keys: ['S1', 'S1N'],
    title: 'acknowledged sends/s, two real nodes (PostgreSQL + Redis) vs two minimal servers on the Redis adapter',
    // Shorter: two windows instead of three (the whole bench stays under 10 minutes).
    run: async () => {
      const result = await runS1TwoNodes({ ...s1Params, windows: 2 }, { profile, profileDir });
      twoNodeCapacity = (result.details.real as S1Run).sendsPerSecond;
      return result;
    },
  },
  {
    id: 'S2',
    keys: ['S2', 'S2-1'],
    title: 'send → peer-delivery latency at 1,000 pairs × 1 msg/s',
    run: () => runS2(s2Params, { profile, profileDir }),
  },
  {
    id: 'S2·2 nodes',
    keys: ['S2', 'S2N'],
    title: 'send → peer-delivery latency at 1,000 pairs × 1 msg/s, each pair split over two nodes',
    // Shorter: 10 s windows instead of 15 s. The offered load is half the path's capacity (see two-node.ts).
    run: () =>
      runS2TwoNodes(
        { ...s2Params, measureMs: quick ? s2Params.measureMs : 10_000 },
        { profile, profileDir },
        {
          ...(twoNodeCapacity !== undefined ? { measured: twoNodeCapacity } : {}),
          probe: { ...s1Params, warmupMs: quick ? 1000 : 2000, measureMs: quick ? 1000 : 3000, windows: 1 },
        },
      ),
  },
  {
    id: 'S3',
    title: 'server RSS per idle authenticated socket',
    run: () =>
      runS3(
        quick
          ? { sockets: 1000, socketsPerUser: 10, warmupSockets: 50, settleMs: 1000 }
          : { sockets: 10_000, socketsPerUser: 10, warmupSockets: 200, settleMs: 3000 },
      ),
  },
  {
    id: 'S4',
    title: 'main-process event-loop stall for one incoming message, 100 MB cached',
    run: () =>
      runS4(
        quick
          ? { totalMB: 10, chats: 100, bigChatMessages: 10_000, repeats: 5, baselineRepeats: 2 }
          : { totalMB: 100, chats: 1000, bigChatMessages: 10_000, repeats: 20, baselineRepeats: 3 },
      ),
  },
  {
    id: 'S5',
    title: 'renderer first paint in the Chromium shell, 10,000-message chat and 1,000 chats',
    run: () =>
      runS5(
        quick
          ? { chats: 1000, bigChatMessages: 10_000, repeats: 2 }
          : { chats: 1000, bigChatMessages: 10_000, repeats: 5 },
        { profile, profileDir },
      ),
  },
  {
    id: 'S6',
    title: 'reconnect storm after a server restart, real server vs minimal Socket.IO server',
    run: () =>
      runS6(
        quick
          ? { users: 1000, concurrency: 1000, probeEveryMs: 20 }
          : { users: 10_000, concurrency: 1000, probeEveryMs: 20 },
        { profile, profileDir },
      ),
  },
  {
    id: 'S7',
    title: 'hostile sockets and a login flood beside 100 chatting pairs',
    run: () =>
      runS7({
        pairs: 100,
        periodMs: 1000,
        warmupMs: quick ? 1000 : 3000,
        windowMs: quick ? 3000 : 15_000,
        hostileSockets: 10,
        requestsPerSocket: 150,
        historyMessages: 200,
        loginConcurrency: 8,
      }),
  },
  {
    id: 'S8',
    title: 'delivery stall under heavy reads, 100,000 users and a 100,000-record user',
    run: () =>
      runS8(
        quick
          ? { users: 100_000, readers: 40, probeEveryMs: 5, measureMs: 2000 }
          : { users: 100_000, readers: 40, probeEveryMs: 5, measureMs: 10_000 },
      ),
  },
  {
    id: 'S9',
    title: 'a 100 MB file up and down through the real server vs cp; RSS with 10 uploads at once',
    run: () =>
      runS9(
        quick
          ? { bytes: 20 * 1e6, repeats: 1, concurrentUploads: 4 }
          : { bytes: 100 * 1e6, repeats: 3, concurrentUploads: 10 },
      ),
  },
  {
    id: 'S10',
    title: 'messages:search over 1,000,000 messages vs a LIKE scan; S1 with the index kept vs without',
    run: () =>
      runS10({
        messages: Number(option('--s10-messages') ?? (quick ? 100_000 : 1_000_000)),
        users: 200,
        peersPerUser: 10,
        searchers: 20,
        queries: 200,
        s1: { ...s1Params, windows: 2 },
      }),
  },
  {
    id: 'S11',
    title: 'launch: npm start to the first painted list of 1,000 cached chats, warm and cold, vs a static page',
    run: () => runS11({ chats: 1000, repeats: quick ? 1 : 3 }),
  },
];

async function main(): Promise<number> {
  const startedAt = performance.now();
  const host = machine();
  fs.mkdirSync(profileDir, { recursive: true });
  say(
    `bench: ${host.date} · ${host.nproc} cores (${host.cpu}) · ${host.memoryGiB} GiB · Node ${host.node} · load average ${host.loadAverage}`,
  );
  say(
    canPin
      ? `placement: servers pinned to core 0, load generators to core 1 (taskset); the bench itself and Chromium are not pinned`
      : `placement: not pinned (${cores} core(s)${cores >= 2 ? ', no taskset' : ''}): server and load generator share the CPUs`,
  );
  if (quick) say('--quick: small counts and short windows; do not record these numbers');
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    if (abortCode !== null) break;
    if (only && !(scenario.keys ?? [scenario.id]).some((key) => only.includes(key))) continue;
    say(
      `\n${scenario.id}: ${scenario.title} (load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})`,
    );
    const started = performance.now();
    try {
      const result = await scenario.run();
      results.push(result);
      say(`  ${result.placement}`);
      for (const note of result.notes) say(`  note: ${note}`);
      for (const goal of result.goals) say(`  ${goal.pass ? 'PASS' : 'MISS'}  ${goal.text}: ${goal.reading}`);
      say(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    } catch (error) {
      killAll();
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      say(`  CRASH: ${text}`);
      results.push({
        id: scenario.id,
        title: scenario.title,
        measured: '',
        reference: '',
        ratio: null,
        ratioMeaning: '',
        goals: [],
        placement: '',
        details: {},
        notes: [],
        durationMs: performance.now() - started,
        error: text,
      });
    }
  }
  const totalMs = performance.now() - startedAt;
  say(`\n${table(results)}\n`);
  const crashed = results.filter((r) => r.error).map((r) => r.id);
  const missed = results.flatMap((r) => r.goals.filter((g) => !g.pass).map((g) => `${r.id} (${g.text})`));
  writeJson(outFile, {
    machine: {
      ...host,
      loadAverageAtEnd: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
    },
    quick,
    profile,
    totalMs,
    results,
  });
  const mdFile = outFile.replace(/\.json$/, '') + '.md';
  fs.writeFileSync(
    mdFile,
    [
      `Run of ${host.date}: ${host.nproc} cores (${host.cpu}), ${host.memoryGiB} GiB, Node ${host.node}, ${host.platform}; load average ${host.loadAverage} at the start, ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(
          ' ',
        )} at the end; ${(totalMs / 1000).toFixed(0)} s${quick ? '; --quick (not for the record)' : ''}${profile ? '; --profile' : ''}.`,
      '',
      table(results),
      '',
      ...results.flatMap((r) => [`- ${r.id} placement: ${r.placement}`, ...r.notes.map((n) => `- ${r.id} note: ${n}`)]),
      '',
    ].join('\n'),
  );
  say(`wrote ${path.relative(process.cwd(), mdFile) || mdFile}`);
  say(
    `wrote ${path.relative(process.cwd(), outFile) || outFile}; whole run ${(totalMs / 1000).toFixed(0)} s; load average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  say(
    missed.length > 0
      ? `goals missed: ${missed.join(', ')} (reported, not a failure: the bench exits 0 unless a scenario crashed)`
      : 'every goal met',
  );
  if (crashed.length > 0) {
    say(`crashed: ${crashed.join(', ')}: exit status 1`);
    return 1;
  }
  say('no scenario crashed: exit status 0');
  return 0;
}

/** Set on SIGINT/SIGTERM: the exit status, once the scenario in progress has cleaned up. */
let abortCode: number | null = null;

/** Stops whatever is still running (processes, PostgreSQL, Redis), then exits. */
async function finish(code: number): Promise<never> {
  killAll();
  await stopAllServices();
  process.exit(code);
}

/**
 * Kills the processes the bench started: the scenario in progress fails at once and its own
 * clean-up runs (seed folders, PostgreSQL, Redis), then main() returns and no other scenario
 * starts. If that takes longer than 10 s, the rest is stopped and the bench exits anyway.
 */
function abort(code: number): void {
  if (abortCode !== null) return;
  abortCode = code;
  killAll();
  setTimeout(() => void finish(code), 10_000);
}

process.once('SIGINT', () => abort(130));
process.once('SIGTERM', () => abort(143));

main().then(
  (code) => finish(abortCode ?? code),
  (error: unknown) => {
    process.stderr.write(`bench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return finish(abortCode ?? 1);
  },
);
