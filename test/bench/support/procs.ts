// Child processes of the bench: servers and load generators, each pinned to one core with
// taskset when the machine has it and more than one core, each with an IPC channel.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProbeReply, ProbeRequest } from './ipc.js';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const benchDir = path.join(projectRoot, 'test', 'bench');

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const cores = os.availableParallelism();
export const canPin = cores >= 2 && hasTaskset();

/** A server, a load generator, or the client side (main process, Chromium: never pinned). */
export type Role = 'server' | 'load' | 'client';

/** Where each role runs: the server on core 0, load generators on core 1, the client unpinned. */
export function placement(role: Role): { core: number | null; label: string } {
  if (!canPin || role === 'client') return { core: null, label: 'unpinned' };
  const core = role === 'server' ? 0 : 1;
  return { core, label: `core ${core}` };
}

export interface Child {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly name: string;
  readonly coreLabel: string;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<number | null>;
  /** Request/reply over IPC: the child answers `{ id, ok, reply | error }`. */
  call<R>(request: unknown, timeoutMs?: number): Promise<R>;
  /** Resolves with the first stdout line matching `pattern`. */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

const live = new Set<Child>();

export interface StartOptions {
  name: string;
  role: Role;
  /** Node flags, then the script and its arguments. */
  nodeArgs: string[];
  env?: Record<string, string>;
}

export function startNode(options: StartOptions): Child {
  const { core, label } = placement(options.role);
  const command = core === null ? process.execPath : 'taskset';
  const args = core === null ? options.nodeArgs : ['-c', String(core), process.execPath, ...options.nodeArgs];
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('MESSENGER_')) env[key] = value;
  Object.assign(env, options.env);
  const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });

  let out = '';
  let err = '';
  const lineWaiters = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const wake of lineWaiters) wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  // Spawn and IPC errors are reported by the calls they fail, never as an uncaught 'error' event.
  child.on('error', (error) => (err += `\n${error.message}`));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (message: { id: number; ok: boolean; reply?: unknown; error?: string }) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.reply);
    else waiter.reject(new Error(`${options.name}: ${message.error}`));
  });
  void exited.then((code) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`${options.name} exited (${code}): ${err.slice(-2000)}`));
    pending.clear();
    for (const wake of lineWaiters) wake();
  });

  const handle: Child = {
    child,
    pid: child.pid!,
    name: options.name,
    coreLabel: label,
    stdout: () => out,
    stderr: () => err,
    exited,
    call<R>(request: unknown, timeoutMs = 120_000): Promise<R> {
      const id = nextId++;
      return new Promise<R>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${options.name}: no answer to ${JSON.stringify(request).slice(0, 80)} in ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as R);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        // A child that already exited (killed on SIGINT, say) fails the call, not the bench.
        if (!child.connected) {
          pending
            .get(id)
            ?.reject(new Error(`${options.name} has exited: no answer to ${JSON.stringify(request).slice(0, 80)}`));
          pending.delete(id);
          return;
        }
        child.send({ id, request }, (error) => {
          if (!error) return;
          pending.get(id)?.reject(new Error(`${options.name}: ${error.message}`));
          pending.delete(id);
        });
      });
    },
    line(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          lineWaiters.delete(check);
          reject(new Error(`${options.name}: no line ${pattern} in ${timeoutMs} ms; stderr: ${err.slice(-2000)}`));
        }, timeoutMs);
        const check = () => {
          const match = pattern.exec(out);
          if (match) {
            clearTimeout(timer);
            lineWaiters.delete(check);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            lineWaiters.delete(check);
            reject(new Error(`${options.name} exited before printing ${pattern}; stderr: ${err.slice(-2000)}`));
          }
        };
        lineWaiters.add(check);
        check();
      });
    },
    async stop(timeoutMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      }
      live.delete(handle);
    },
  };
  live.add(handle);
  return handle;
}

/** Kills whatever this bench started and is still running (on a crash of the bench). */
export function killAll(): void {
  for (const child of live) {
    if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
  }
}

/** A server process with the probe preloaded. */
export interface ServerChild extends Child {
  url: string;
  probe(request: ProbeRequest): Promise<ProbeReply>;
}

const tsxFlags = ['--import', 'tsx'];
const probeFlags = ['--expose-gc', ...tsxFlags, '--import', path.join(benchDir, 'support', 'probe.ts')];

export interface ServerStart {
  /** Shown in the output and in errors (default "server" / "minimal server"). */
  name?: string;
  /** The real server: `MESSENGER_DB_URL` and `MESSENGER_REDIS_URL` make it a node of a cluster. */
  env?: Record<string, string>;
  /** The minimal server: joins the other minimal servers on this Redis (Socket.IO Redis adapter). */
  redisUrl?: string;
  /** Listen on this port instead of a free one (S6 restarts a server where its clients expect it). */
  port?: number;
}

/**
 * `node server/cli.ts --port 0 --data DIR --send-rate 0` (and no registration limit): the real server, as `npm run server`
 * runs it (or $BENCH_SERVER_SCRIPT with the same arguments, to compare a server change).
 */
export async function startRealServer(dataDir: string, options: ServerStart = {}): Promise<ServerChild> {
  const child = startNode({
    name: options.name ?? 'server',
    role: 'server',
    nodeArgs: [
      ...probeFlags,
      process.env.BENCH_SERVER_SCRIPT ?? path.join(projectRoot, 'server', 'cli.ts'),
      '--port',
      String(options.port ?? 0),
      '--data',
      dataDir,
      '--send-rate',
      '0',
    ],
    // The bench registers hundreds of users from one address; an environment variable, not a
    // flag, so a $BENCH_SERVER_SCRIPT from before the limit existed still starts.
    env: { MESSENGER_REGISTER_RATE: '0', ...options.env },
  });
  return listening(child);
}

/** The minimal Socket.IO server of test/bench/minimal-server.ts. */
export async function startMinimalServer(tokensFile: string, options: ServerStart = {}): Promise<ServerChild> {
  const redis = options.redisUrl ? ['--redis-url', options.redisUrl] : [];
  const port = options.port ? ['--port', String(options.port)] : [];
  const child = startNode({
    name: options.name ?? 'minimal server',
    role: 'server',
    nodeArgs: [...probeFlags, path.join(benchDir, 'minimal-server.ts'), '--tokens', tokensFile, ...redis, ...port],
  });
  return listening(child);
}

async function listening(child: Child): Promise<ServerChild> {
  const [, url] = await child.line(/^listening on (http:\/\/\S+)$/m);
  return Object.assign(child, {
    url: url!,
    probe: (request: ProbeRequest) => child.call<ProbeReply>(request),
  });
}

/** The load generator of test/bench/loadgen.ts, on the other core. */
export function startLoadGenerator(): Child {
  return startNode({
    name: 'load generator',
    role: 'load',
    nodeArgs: [...tsxFlags, path.join(benchDir, 'loadgen.ts')],
  });
}
