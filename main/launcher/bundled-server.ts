// Node runtime. The chat server that ships with the app, started for `npm start` when
// nothing answers at the server URL yet, and stopped when the app exits.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ServerHandle {
  url: string;
  stop(): Promise<void>;
}

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

export interface StartOptions {
  url: string;
  dataDir: string;
  repoRoot: string;
  /** The server's stdout and stderr go here. */
  logFile: string;
  timeoutMs?: number;
}

export async function startBundledServer(options: StartOptions): Promise<ServerHandle> {
  const url = new URL(options.url);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  // The server's data and log hold everyone's messages and names: the owner's only.
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true, mode: 0o700 });
  const log = fs.openSync(options.logFile, 'a', 0o600);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/cli.ts',
      '--port',
      port,
      '--host',
      url.hostname.replace(/^\[|\]$/g, ''),
      '--data',
      options.dataDir,
    ],
    { cwd: options.repoRoot, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const handle: ServerHandle = { url: options.url, stop: () => stopChild(child) };
  try {
    await waitUntilUp(options.url, child, options.timeoutMs ?? 20_000);
  } catch (error) {
    await handle.stop();
    throw new Error(`${(error as Error).message} See ${options.logFile}.`, { cause: error });
  }
  return handle;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (!(await isServerUp(url, 500))) {
    if (exited)
      throw new Error(
        `The bundled server exited (status ${child.exitCode ?? child.signalCode}) before answering at ${url}.`,
      );
    if (Date.now() > deadline) throw new Error(`The bundled server did not answer at ${url} within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM lets the server finish requests in flight; SIGKILL if it hangs. */
function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
