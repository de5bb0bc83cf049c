// The services of the two-node rows: one throwaway PostgreSQL and one throwaway Redis, started
// and stopped with the cluster tests' helpers (test/support/services.ts, which installs them
// with apt when missing), a fresh database per run, and the CPU time of both read from /proc
// so that it is counted as the bench's own load and not as the rest of the machine.
import pg from 'pg';
import { say } from './report.js';
import { childrenOf, procStat } from '../../support/proc.js';
import {
  ensureInstalled,
  startPostgres,
  startRedis,
  type PostgresService,
  type RedisService,
} from '../../support/services.js';

export interface Services {
  postgres: PostgresService;
  redis: RedisService;
  /** Creates an empty database and returns its URL. */
  freshDatabase(label: string): Promise<string>;
  /** Cumulative CPU seconds of PostgreSQL (postmaster, its processes and the ones it reaped) and of Redis. */
  cpu(): Record<string, number>;
  /** Where they run, for the placement line. */
  placement: string;
}

const live = new Set<() => Promise<void>>();
const statementsWanted = process.env.BENCH_PG_STATEMENTS === '1';

/** Stops PostgreSQL and Redis whatever `body` does, and removes their folders. */
export async function withServices<T>(body: (services: Services) => Promise<T>): Promise<T> {
  ensureInstalled();
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    live.delete(stopAll);
    await Promise.allSettled(stops.splice(0).map((stop) => stop()));
  };
  live.add(stopAll);
  try {
    // fsync and synchronous commits on, as a self-hosted PostgreSQL runs by default.
    // BENCH_PG_STATEMENTS=1: what each statement cost PostgreSQL, printed after each real run.
    const postgres = await startPostgres({ durable: true, preload: statementsWanted ? ['pg_stat_statements'] : [] });
    stops.push(() => postgres.stop());
    const redis = await startRedis();
    stops.push(() => redis.stop());
    const pids = { postmaster: postgres.pid(), redis: redis.pid() };
    let databases = 0;
    const services: Services = {
      postgres,
      redis,
      async freshDatabase(label) {
        const name = `bench_${label}_${++databases}`;
        const client = new pg.Client({ connectionString: postgres.url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return postgres.urlOf(name);
      },
      cpu() {
        // The postmaster with the backends it reaped, and the ones still running.
        const main = procStat(pids.postmaster);
        const running = childrenOf(pids.postmaster).reduce((total, child) => total + child.cpu, 0);
        const cpu: Record<string, number> = { PostgreSQL: (main ? main.cpu + main.reapedCpu : 0) + running };
        if (pids.redis !== undefined) cpu.Redis = procStat(pids.redis)?.cpu ?? 0;
        return cpu;
      },
      placement: `PostgreSQL (postmaster pid ${pids.postmaster} and a backend per pooled connection) and Redis (pid ${pids.redis ?? '?'}) unpinned`,
    };
    return await body(services);
  } finally {
    await stopAll();
  }
}

/** On SIGINT or a crash of the bench: stops whatever withServices still runs. */
export async function stopAllServices(): Promise<void> {
  await Promise.allSettled([...live].map((stop) => stop()));
}

/**
 * Messages and copies in a database the real nodes wrote, to check them against the acks. With
 * BENCH_PG_STATEMENTS=1 it also prints PostgreSQL's costliest statements, on the same connection.
 */
export async function countStored(dbUrl: string): Promise<{ messages: number; copies: number }> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const count = async (table: string) =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    if (statementsWanted) await printTopStatements(client);
    return { messages: await count('messages'), copies: await count('copies') };
  } finally {
    await client.end();
  }
}

/** The statements that took PostgreSQL the most time since it started (pg_stat_statements). */
async function printTopStatements(client: pg.Client): Promise<void> {
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const { rows } = await client.query<Record<string, string>>(
    `SELECT calls, round(total_exec_time::numeric, 1) AS ms, rows, shared_blks_hit AS hits, wal_bytes,
       left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query
     FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 8`,
  );
  say('  PostgreSQL statements by time (calls, ms, rows, buffer hits, WAL bytes, statement):');
  for (const r of rows) say(`    ${r.calls} · ${r.ms} · ${r.rows} · ${r.hits} · ${r.wal_bytes} · ${r.query}`);
}
