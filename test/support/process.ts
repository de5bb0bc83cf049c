// The server as a real process, started the way `npm run server -- …` starts it:
// `node --import tsx server/cli.ts …` in the project folder. Every process started here is
// tracked; call `killAllServers()` in afterEach/afterAll so a failing test leaves none behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, expect } from 'vitest';
import { connect, type ClientSocket } from './clients.js';

/** The project folder (the one holding package.json), found from this file. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const cliPath = path.join(projectRoot, 'server', 'cli.ts');

export interface SpawnOptions {
  /** Added to the environment; `undefined` removes a variable. MESSENGER_* of the runner are never inherited. */
  env?: Record<string, string | undefined>;
  /** Working folder; the project folder by default. */
  cwd?: string;
  /** Start it as `npm run --silent server -- …` (from the project folder), npm and all. */
  npm?: boolean;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited (at once if it already has). */
  readonly exited: Promise<Exit>;
  /** Null while running. */
  exit(): Exit | null;
  /** Sends a signal to the server (with `npm`, to npm's whole process group). */
  signal(name: NodeJS.Signals): void;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<Exit>;
  /** SIGKILL, and waits for the exit. */
  kill(): Promise<Exit>;
}

export interface ListeningServer extends ServerProcess {
  /** `http://127.0.0.1:<port>` as printed. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The first stdout line, exactly. */
  readonly firstLine: string;
}

const live = new Set<ServerProcess>();

/** Starts `node --import tsx server/cli.ts ...args` (or npm, see SpawnOptions) and returns at once. */
export function spawnServer(args: string[], options: SpawnOptions = {}): ServerProcess {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('MESSENGER_')) env[key] = value;
  }
  // Suites register many users from this one address; a test of the limit sets it itself.
  env.MESSENGER_REGISTER_RATE = '0';
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const cwd = options.cwd ?? projectRoot;
  // From the project folder exactly as `npm run server` does; from elsewhere, tsx by its file URL.
  const loader =
    cwd === projectRoot
      ? 'tsx'
      : pathToFileURL(createRequire(path.join(projectRoot, 'package.json')).resolve('tsx')).href;
  const [command, commandArgs] = options.npm
    ? ['npm', ['run', '--silent', 'server', '--', ...args]]
    : [process.execPath, ['--import', loader, cliPath, ...args]];
  // npm runs the server under a shell and does not pass signals on: npm's whole process group
  // gets them instead.
  const child = spawn(command, commandArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: options.npm });
  const signal = (name: NodeJS.Signals) => {
    if (!options.npm) return void child.kill(name);
    try {
      process.kill(-child.pid!, name);
    } catch {
      // The group has already gone; 'close' follows.
    }
  };

  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));

  let exit: Exit | null = null;
  const exited = new Promise<Exit>((resolve) => {
    // 'close' comes after the output streams ended, so stdout()/stderr() are complete by then.
    child.once('close', (code, signal) => {
      exit = { code, signal };
      live.delete(proc);
      resolve(exit);
    });
    child.once('error', (error) => {
      err += `\n[spawn failed: ${error.message}]`;
      if (child.pid === undefined) {
        exit = { code: null, signal: null };
        live.delete(proc);
        resolve(exit);
      }
    });
  });

  const signalAndWait = async (name: NodeJS.Signals): Promise<Exit> => {
    if (exit) return exit;
    signal(name);
    return exited;
  };

  const proc: ServerProcess = {
    child,
    signal,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exited,
    exit: () => exit,
    stop: () => signalAndWait('SIGTERM'),
    kill: () => signalAndWait('SIGKILL'),
  };
  live.add(proc);
  return proc;
}

export class ServerStartError extends Error {}

const listeningLine = /^listening on (http:\/\/(\[[^\]]+\]|[^:/[\]]+):(\d+))$/;

/**
 * Starts the server and resolves once it printed its first stdout line, parsed. Throws a
 * ServerStartError with the exit status and stderr if the process exits first or the line does
 * not have the promised shape. Without `timeoutMs` it waits as long as the process takes: the
 * test's own timeout bounds it, and cleanUpServersAndSockets kills what is left.
 */
export async function startServerProcess(
  args: string[],
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<ListeningServer> {
  const proc = spawnServer(args, options);
  const command = options.npm ? 'npm run --silent server --' : 'node --import tsx server/cli.ts';
  const describe = (why: string) =>
    `The server (${command} ${args.join(' ')}) ${why}.\nstdout: ${JSON.stringify(proc.stdout())}\nstderr: ${proc.stderr() || '(empty)'}`;

  const firstLine = await new Promise<string>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (then: () => void) => {
      clearTimeout(timer);
      proc.child.stdout!.off('data', onData);
      then();
    };
    const onData = () => {
      const newline = proc.stdout().indexOf('\n');
      if (newline >= 0) finish(() => resolve(proc.stdout().slice(0, newline)));
    };
    if (options.timeoutMs !== undefined) {
      const ms = options.timeoutMs;
      timer = setTimeout(() => finish(() => reject(new ServerStartError(describe(`printed nothing in ${ms} ms`)))), ms);
    }
    proc.child.stdout!.on('data', onData);
    void proc.exited.then((exit) =>
      finish(() =>
        reject(new ServerStartError(describe(`exited (code ${exit.code}, signal ${exit.signal}) before listening`))),
      ),
    );
    onData();
  });

  const match = listeningLine.exec(firstLine);
  if (!match) {
    await proc.kill();
    throw new ServerStartError(describe(`printed a first line that is not "listening on http://<host>:<port>"`));
  }
  return Object.assign(proc, {
    firstLine,
    url: match[1]!,
    host: match[2]!.replace(/^\[|\]$/g, ''),
    port: Number(match[3]),
  });
}

/** Runs the server expecting it to exit by itself (--help, bad settings, a start that fails). */
export async function runToExit(
  args: string[],
  options: SpawnOptions = {},
): Promise<Exit & { stdout: string; stderr: string }> {
  const proc = spawnServer(args, options);
  const exit = await proc.exited;
  return { ...exit, stdout: proc.stdout(), stderr: proc.stderr() };
}

/** SIGKILLs every server process still running and waits for them; for afterEach/afterAll. */
export async function killAllServers(): Promise<void> {
  await Promise.all([...live].map((proc) => proc.kill()));
}

/** Processes started here and not yet exited. */
export function liveServers(): number {
  return live.size;
}

// Last resort if the test process itself goes away without the hooks running.
process.once('exit', () => {
  for (const proc of live) proc.signal('SIGKILL');
});

/** A port that was free a moment ago on `host`. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether `host:port` can be bound right now (it is released again at once). */
export function canListen(
  port: number,
  host: string,
): Promise<{ ok: true } | { ok: false; error: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, error }));
    server.listen(port, host, () => server.close(() => resolve({ ok: true })));
  });
}

/** Tries one TCP connection to `host:port`: accepted, refused (or reset), or no answer in time. */
export function tcpConnect(
  port: number,
  host = '127.0.0.1',
  timeoutMs = 2000,
): Promise<'accepted' | 'refused' | 'timeout'> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (result: 'accepted' | 'refused' | 'timeout') => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done('timeout'));
    socket.once('connect', () => done('accepted'));
    socket.once('error', () => done('refused'));
  });
}

/**
 * For a test file that starts server processes: after each test its sockets are closed and
 * every server process is killed; at the end none may be left. Returns a tracked connect.
 */
export function cleanUpServersAndSockets(): (url: string, token: string) => Promise<ClientSocket> {
  const sockets: ClientSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await killAllServers();
  });
  afterAll(async () => {
    await killAllServers();
    expect(liveServers()).toBe(0);
  });
  return async (url, token) => {
    const socket = await connect(url, token);
    sockets.push(socket);
    return socket;
  };
}
