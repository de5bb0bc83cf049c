// The two-node rows of S1 and S2 (ids "S1·2 nodes", "S2·2 nodes"): the same users and sockets
// as the one-node rows (S2·2 nodes offering half of what the real two nodes sustain, see
// runS2TwoNodes), against two real server processes (server/cli.ts with MESSENGER_DB_URL and
// MESSENGER_REDIS_URL) sharing one throwaway PostgreSQL and one throwaway Redis, and, as their
// ceiling in the same run, two minimal servers joined by the Socket.IO Redis adapter.
//
// Every pair's two users are connected to different nodes (the first of each pair to node 1,
// the second to node 2), so every message:new crosses Redis. Users and sessions are seeded
// into a fresh PostgreSQL database per real run through the server's PostgresStore, as the
// one-node rows seed SQLite. On one machine the nodes, PostgreSQL and Redis share its cores:
// these rows measure that the scale-out path works under load and what it costs, not the
// capacity that more machines would add.
import { countStored, withServices, type Services } from '../support/cluster.js';
import { cores, startLoadGenerator, startMinimalServer, startRealServer, type ServerChild } from '../support/procs.js';
import { fmt, type ScenarioResult } from '../support/report.js';
import { removeSeed, seedUsers } from '../support/seed.js';
import {
  compareS1,
  compareS2,
  connectAll,
  driveS1,
  driveS2,
  pairedSockets,
  placementOf,
  type S1Params,
  type S2Params,
  type ServerKind,
  type ServerScenarioOptions,
  type Setup,
} from './server-scenarios.js';

const nodes = 2;

/** Two nodes of `kind` on `services`, one load generator, every pair split across the nodes, around `body`. */
async function twoNodes<T>(
  services: Services,
  label: string,
  kind: ServerKind,
  users: number,
  body: (setup: Setup) => Promise<T>,
): Promise<T> {
  const dbUrl = kind === 'real' ? await services.freshDatabase(label) : undefined;
  const seeded = await seedUsers(label, users, 1, dbUrl);
  const servers: ServerChild[] = [];
  let load: ReturnType<typeof startLoadGenerator> | undefined;
  try {
    for (let n = 1; n <= nodes; n++) {
      servers.push(
        kind === 'real'
          ? await startRealServer(seeded.dataDir, {
              name: `node ${n}`,
              env: { MESSENGER_DB_URL: dbUrl!, MESSENGER_REDIS_URL: services.redis.url },
            })
          : await startMinimalServer(seeded.tokensFile, { name: `minimal node ${n}`, redisUrl: services.redis.url }),
      );
    }
    load = startLoadGenerator();
    // pairedSockets lists each pair's two users next to each other: even places to node 1, odd to node 2.
    const sockets = pairedSockets(seeded);
    let connectMs = 0;
    for (let n = 0; n < nodes; n++) {
      connectMs += (
        await connectAll(
          load,
          servers[n]!.url,
          sockets.filter((_, i) => i % nodes === n),
        )
      ).ms;
    }
    const serviceCpu = kind === 'real' ? services.cpu : () => ({ Redis: services.cpu().Redis ?? 0 });
    return await body({
      rig: { servers, load, serviceCpu },
      connectMs,
      placement: placementOf(servers, load, services.placement),
      ...(dbUrl ? { stored: () => countStored(dbUrl) } : {}),
    });
  } finally {
    await load?.stop();
    await Promise.all(servers.map((server) => server.stop()));
    removeSeed(seeded);
  }
}

/** What the row's numbers mean on this machine. */
function scope(result: ScenarioResult): ScenarioResult {
  const shared =
    cores <= 2
      ? `${cores} cores: both nodes share core 0 with each other, PostgreSQL and Redis float over both cores, so this row measures that the scale-out path works under load and what it costs, not extra capacity`
      : `one machine of ${cores} cores runs both nodes, PostgreSQL and Redis: the row measures the scale-out path and its overhead, not the capacity that more machines add`;
  return { ...result, notes: [shared, ...result.notes] };
}

export function runS1TwoNodes(params: S1Params, options: ServerScenarioOptions): Promise<ScenarioResult> {
  return withServices(async (services) =>
    scope(
      await compareS1(
        'S1·2 nodes',
        'acknowledged 1:1 sends per second, two nodes on PostgreSQL + Redis, every pair split across them',
        params,
        (kind) =>
          twoNodes(services, 's1n', kind, params.pairs * 2, (setup) =>
            driveS1(setup, `${kind}, 2 nodes`, params, options, `s1-${kind}-2nodes`),
          ),
      ),
    ),
  );
}

/**
 * The share of the two-node path's capacity S2·2 nodes offers: a load it sustains, so that the
 * latency read is the path's, not that of a queue growing for the whole window.
 */
export const s2TwoNodeShare = 0.5;

/** How S2·2 nodes learns the path's capacity: S1·2 nodes' real rate of the same run, or a probe of its own. */
export interface TwoNodeCapacity {
  /** Acknowledged sends/s of the real two nodes in S1·2 nodes, when it ran first in this run. */
  measured?: number;
  /** Otherwise S1's load for a short while on a fresh pair of real nodes. */
  probe: S1Params;
}

/** The real two nodes' acknowledged sends/s under S1's flood, measured for S2·2 nodes alone. */
function probeCapacity(services: Services, probe: S1Params): Promise<number> {
  const quiet = { profile: false, profileDir: '' };
  return twoNodes(services, 's2nprobe', 'real', probe.pairs * 2, async (setup) => {
    const run = await driveS1(setup, 'real, 2 nodes, capacity probe', probe, quiet, 's2-probe');
    return run.sendsPerSecond;
  });
}

export function runS2TwoNodes(
  params: S2Params,
  options: ServerScenarioOptions,
  capacity: TwoNodeCapacity,
): Promise<ScenarioResult> {
  return withServices(async (services) => {
    const measured = capacity.measured;
    const found = measured ?? (await probeCapacity(services, capacity.probe));
    const source =
      measured !== undefined
        ? `S1·2 nodes in this run: ${fmt(found)} acked sends/s`
        : `a ${fmt(capacity.probe.measureMs / 1000)} s probe with S1's load (${capacity.probe.pairs} pairs, ${capacity.probe.window} in flight each) on the real two nodes: ${fmt(found)} acked sends/s`;
    const nominal = (params.pairs * 2 * 1000) / params.periodMs;
    const target = Math.min(nominal, s2TwoNodeShare * found);
    // Same sockets, each sending less often: the offered load, not the number of users, follows the capacity.
    const periodMs = Math.max(params.periodMs, Math.round((params.pairs * 2 * 1000) / Math.max(1, target)));
    const offered = { ...params, periodMs };
    const offer = `${Math.round(s2TwoNodeShare * 100)} % of the real two-node path's capacity measured by ${source}, at most the nominal ${fmt(nominal)}/s; each of the ${fmt(params.pairs * 2)} users sends every ${fmt(periodMs)} ms`;
    return scope(
      await compareS2(
        'S2·2 nodes',
        'send → peer-delivery latency, two nodes on PostgreSQL + Redis, every delivery across Redis',
        offered,
        (kind) =>
          twoNodes(services, 's2n', kind, params.pairs * 2, (setup) =>
            driveS2(setup, `${kind}, 2 nodes`, offered, options, `s2-${kind}-2nodes`),
          ),
        offer,
      ),
    );
  });
}
