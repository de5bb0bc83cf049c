// Node runtime. The chat server that ships with the app, as a process of its own: started
// detached (its own process group, output to its log), so no one app or terminal owns it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from './server-lock.js';

export async function isServerUp(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    // Refused, timed out, not HTTP: all mean no server answers there, which is what was asked.
    return false;
  }
}

/** Only a server on this machine can be started here. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export interface SpawnOptions {
  url: string;
  dataDir: string;
  repoRoot: string;
  /** The server's stdout and stderr go here. */
  logFile: string;
  /** What connected users are told when it is stopped (server/cli.ts reads it). */
  closingMessage: string;
  /** Node's arguments before the server's own: the compiled server, or its source through tsx. */
  entry?: string[];
}

/** The server's source run through tsx: what tests use, needing no build. */
export const serverSourceEntry = ['--import', 'tsx', 'server/cli.ts'];

/** `npm run build` compiles the server here: it starts in about half the CPU time tsx takes. */
export function compiledServerEntry(repoRoot: string): string[] {
  return [path.join(repoRoot, 'out', 'server', 'cli.js')];
}

/**
 * The compiled launcher (code running from out/) starts the compiled server, built with it;
 * run from source (tests, tsx) it starts the server's source, which needs no build.
 */
export function serverEntryFor(moduleUrl: string, repoRoot: string): string[] {
  const builtDir = path.join(repoRoot, 'out') + path.sep;
  return fileURLToPath(moduleUrl).startsWith(builtDir) ? compiledServerEntry(repoRoot) : serverSourceEntry;
}

/** Starts the server and returns its pid at once; nothing here waits for it or for its exit. */
export function spawnBundledServer(options: SpawnOptions): number {
  const url = new URL(options.url);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  // The server's data and log hold everyone's messages and names: the owner's only.
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true, mode: 0o700 });
  const log = fs.openSync(options.logFile, 'a', 0o600);
  try {
    const child = spawn(
      process.execPath,
      [
        ...(options.entry ?? serverSourceEntry),
        '--port',
        port,
        '--host',
        url.hostname.replace(/^\[|\]$/g, ''),
        '--data',
        options.dataDir,
      ],
      {
        cwd: options.repoRoot,
        stdio: ['ignore', log, log],
        detached: true,
        windowsHide: true,
        env: { ...process.env, MESSENGER_CLOSING_MESSAGE: options.closingMessage },
      },
    );
    if (child.pid === undefined) throw new Error(`Could not start the bundled server (${process.execPath}).`);
    // Node still reaps it when it exits, so a dead server's pid does not linger as a zombie.
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(log);
  }
}

export interface WaitOptions {
  timeoutMs: number;
  isUp: (url: string) => Promise<boolean>;
  isAlive: (pid: number) => boolean;
  pause: () => Promise<void>;
}

/** Resolves once `/healthz` answers; throws when the process is gone first or time runs out. */
export async function waitUntilUp(url: string, pid: number, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (!(await options.isUp(url))) {
    if (!options.isAlive(pid)) throw new Error(`The bundled server (pid ${pid}) exited before answering at ${url}.`);
    if (Date.now() > deadline)
      throw new Error(`The bundled server did not answer at ${url} within ${options.timeoutMs} ms.`);
    await options.pause();
  }
}

/** SIGTERM lets the server finish requests in flight and tell its users; SIGKILL if it hangs. */
export async function stopPid(
  pid: number,
  options: { graceMs: number; pause: () => Promise<void>; isAlive?: (pid: number) => boolean },
): Promise<void> {
  const alive = options.isAlive ?? isAlive;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch (error) {
      // Gone already: what stopping it wanted.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + options.graceMs;
  let killed = false;
  while (alive(pid)) {
    if (!killed && Date.now() > deadline) {
      signal('SIGKILL');
      killed = true;
    }
    await options.pause();
  }
}
