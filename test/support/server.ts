// A real server on port 0 with its own temporary data folder. In the cluster run
// (MESSENGER_TEST_CLUSTER=1, test/vitest.cluster.config.ts) it is two nodes instead, sharing
// one PostgreSQL database and one Redis: `url` and `io` are the first node's, `nodes` has both.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Every node; one outside the cluster run. */
  nodes: RunningServer[];
  /** The PostgreSQL database of a cluster. */
  dbUrl?: string;
}

export const clusterRun = process.env.MESSENGER_TEST_CLUSTER === '1';

export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-test-'));
  // Suites register many users from one address: no registration limit unless a test sets one.
  // Every presence change at once: ClusterSync flips its markers faster than once a second.
  const base: ServerOptions = {
    port: 0,
    host: '127.0.0.1',
    sendRate: 300,
    registerRate: 0,
    presenceWindowMs: 0,
    // Refused sign-ins answered at once; sign-in-limits.test.ts checks the hold-back.
    refusalDelayMs: 0,
    ...options,
    dataDir,
  };
  if (!clusterRun || options.store) {
    const server = await startServer(base);
    return { ...server, dataDir, nodes: [server] };
  }
  return startTestCluster(base, 2);
}

/**
 * `count` nodes on one database and one Redis. The database is named after the data folder, so
 * starting again with the same `dataDir` finds the same data (as a restarted SQLite server does).
 */
export async function startTestCluster(options: ServerOptions, count: number): Promise<TestServer> {
  const pgUrl = process.env.MESSENGER_TEST_PG_URL;
  const redisUrl = options.redisUrl ?? process.env.MESSENGER_TEST_REDIS_URL;
  if (!pgUrl || !redisUrl)
    throw new Error('The cluster run needs MESSENGER_TEST_PG_URL and MESSENGER_TEST_REDIS_URL (its global setup).');
  const database = `t_${crypto.createHash('sha256').update(options.dataDir).digest('hex').slice(0, 20)}`;
  await ensureDatabase(pgUrl, database);
  const dbUrl = Object.assign(new URL(pgUrl), { pathname: `/${database}` }).href;
  const shared: ServerOptions = {
    registerRate: 0,
    presenceWindowMs: 0,
    refusalDelayMs: 0,
    ...options,
    dbUrl,
    redisUrl,
    redisPrefix: options.redisPrefix ?? `t${crypto.randomBytes(6).toString('hex')}`,
  };
  // Started one after the other: the second finds the schema the first one made.
  const nodes: RunningServer[] = [];
  try {
    for (let i = 0; i < count; i++) nodes.push(await startServer({ ...shared }));
  } catch (error) {
    await Promise.all(nodes.map((node) => node.close()));
    throw error;
  }
  const first = nodes[0]!;
  let closing: Promise<void> | undefined;
  return {
    url: first.url,
    port: first.port,
    io: allSockets(first.io, nodes),
    watchers: first.watchers,
    dataDir: options.dataDir,
    nodes,
    dbUrl,
    close: (notice) => (closing ??= Promise.all(nodes.map((node) => node.close(notice))).then(() => undefined)),
  };
}

/** The first node's io, except that `io.sockets.sockets` lists the sockets of every node. */
function allSockets(io: RunningServer['io'], nodes: RunningServer[]): RunningServer['io'] {
  const passThrough = <T extends object>(target: T, key: PropertyKey): unknown => {
    const value: unknown = Reflect.get(target, key, target);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  };
  const namespace = new Proxy(io.sockets, {
    get: (target, key) =>
      key === 'sockets' ? new Map(nodes.flatMap((node) => [...node.io.sockets.sockets])) : passThrough(target, key),
  });
  return new Proxy(io, { get: (target, key) => (key === 'sockets' ? namespace : passThrough(target, key)) });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-test-'));
}
