// Throwaway PostgreSQL and Redis servers for the cluster tests: installed with apt when
// missing, started on 127.0.0.1 on free ports with their data in a temporary folder, and
// removed again by stop(). Nothing here touches a system-wide instance.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const pgVersion = 15;
export const pgBin = `/usr/lib/postgresql/${pgVersion}/bin`;

function commandExists(file: string): boolean {
  return fs.existsSync(file);
}

/** `apt-get install`s PostgreSQL 15 and redis-server when either is missing (needs root). */
export function ensureInstalled(): void {
  const missing: string[] = [];
  if (!commandExists(path.join(pgBin, 'initdb'))) missing.push(`postgresql-${pgVersion}`);
  if (!commandExists('/usr/bin/redis-server')) missing.push('redis-server');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The cluster tests need ${missing.join(' and ')}: run apt-get install -y ${missing.join(' ')} as root.`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends one inline command and resolves with the first reply line. */
function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(1000, () => socket.destroy(new Error('timeout')));
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.split('\r\n')[0]!);
      }
    });
    socket.on('error', reject);
  });
}

export interface RedisService {
  url: string;
  port: number;
  /** SIGKILLs the server (a crash: nothing is saved, every connection drops). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** The redis-server process while it runs. */
  pid(): number | undefined;
}

export async function startRedis(): Promise<RedisService> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-redis-'));
  let child: ChildProcess | undefined;
  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
    const started = spawn('/usr/bin/redis-server', args, { stdio: 'ignore' });
    child = started;
    await waitFor(async () => {
      if (started.exitCode !== null) throw new Error(`redis-server exited with ${started.exitCode}`);
      return (await redisCommand(port, 'PING')) === '+PONG';
    }, 'redis-server');
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    restart: launch,
    pid: () => child?.pid,
    async stop() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PostgresService {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  port: number;
  /** The URL of another database in this cluster. */
  urlOf(database: string): string;
  stop(): Promise<void>;
  /** The postmaster's process id. */
  pid(): number;
}

/** initdb arguments of every throwaway cluster: trust on loopback, no fsync while creating it. */
export function initdbArgs(data: string): string[] {
  return ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C'];
}

/**
 * initdb into a temporary folder and pg_ctl start on 127.0.0.1. PostgreSQL refuses to run as
 * root, so as root the cluster belongs to the `postgres` system user and runs as it.
 */
export async function startPostgres({
  durable = false,
  preload = [],
}: {
  durable?: boolean;
  /** Extensions PostgreSQL loads at start (shared_preload_libraries), e.g. pg_stat_statements. */
  preload?: string[];
} = {}): Promise<PostgresService> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (file: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(pgBin, file), ...args], { cwd: dir, stdio: 'pipe' })
      : execFileSync(path.join(pgBin, file), args, { cwd: dir, stdio: 'pipe' });
  run('initdb', initdbArgs(data));
  // Throwaway test data: no fsync. The server's own durability is tested against SQLite and a
  // real database server is trusted for its own. `durable` keeps PostgreSQL's defaults, as a
  // self-hosted install runs it: the bench measures what such an install costs.
  const options = [
    `-k ${dir} -h 127.0.0.1 -p ${port}`,
    durable ? '' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
    '-c max_connections=300',
    preload.length > 0 ? `-c shared_preload_libraries=${preload.join(',')}` : '',
  ].join(' ');
  run('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', path.join(dir, 'log'), '-o', options]);
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf('postgres'),
    port,
    urlOf,
    // The first line of postmaster.pid, which pg_ctl start -w has waited for.
    pid: () => Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    async stop() {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '30']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
