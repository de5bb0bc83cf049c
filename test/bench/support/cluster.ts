// The services of the two-node rows: one throwaway PostgreSQL and one throwaway Redis, started
// and stopped with the cluster tests' helpers (test/support/services.ts, which installs them
// with apt when missing), a fresh database per run, and the CPU time of both read from /proc
// so that it is counted as the bench's own load and not as the rest of the machine.
import fs from 'node:fs';
import pg from 'pg';
import { ensureInstalled, startPostgres, startRedis, type PostgresService, type RedisService } from '../../support/services.js';

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

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const ticks = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, and cutime + cstime (children that exited and were waited for), in seconds. */
  own: number;
  reaped: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command, which is in parentheses and may hold spaces.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
    return { pid, ppid: f[1]!, own: (f[11]! + f[12]!) / ticks, reaped: (f[13]! + f[14]!) / ticks };
  } catch {
    return null;
  }
}

function processIds(): number[] {
  return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
}

function cmdline(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** The postmaster listening on `port` and the redis-server on `redisPort`. */
function findServicePids(port: number, redisPort: number): { postmaster: number | null; redis: number | null } {
  let postmaster: number | null = null;
  let redis: number | null = null;
  for (const pid of processIds()) {
    const args = cmdline(pid);
    if (args[0]?.endsWith('/postgres') && args.includes('-p') && args[args.indexOf('-p') + 1] === String(port)) postmaster = pid;
    if (args[0]?.startsWith('/usr/bin/redis-server') && args.join(' ').includes(`:${redisPort}`)) redis = pid;
  }
  return { postmaster, redis };
}

const live = new Set<() => Promise<void>>();

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
    const postgres = await startPostgres();
    stops.push(() => postgres.stop());
    const redis = await startRedis();
    stops.push(() => redis.stop());
    const pids = findServicePids(postgres.port, redis.port);
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
        const cpu: Record<string, number> = {};
        if (pids.postmaster !== null) {
          const stats = processIds().map(readStat);
          const main = stats.find((s) => s?.pid === pids.postmaster);
          const children = stats.filter((s) => s?.ppid === pids.postmaster);
          cpu.PostgreSQL = (main ? main.own + main.reaped : 0) + children.reduce((total, s) => total + s!.own, 0);
        }
        if (pids.redis !== null) cpu.Redis = readStat(pids.redis)?.own ?? 0;
        return cpu;
      },
      placement: `PostgreSQL (postmaster pid ${pids.postmaster ?? '?'} and a backend per pooled connection) and Redis (pid ${pids.redis ?? '?'}) unpinned`,
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

/** Messages and copies in a database the real nodes wrote, to check them against the acks. */
export async function countStored(dbUrl: string): Promise<{ messages: number; copies: number }> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const count = async (table: string) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    return { messages: await count('messages'), copies: await count('copies') };
  } finally {
    await client.end();
  }
}
