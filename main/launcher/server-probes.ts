// Node runtime. The real probes of the shared bundled server: processes, pids, HTTP and time.
import { isLoopback, isServerUp, serverEntryFor, spawnBundledServer, stopPid, waitUntilUp } from './bundled-server.js';
import { isAlive } from './server-lock.js';
import type { SharedServerFiles, SharedServerProbes } from './shared-server.js';

/** What the users still connected are told when the last app stops the bundled server. */
export const lastAppClosed = "Messenger's built-in server stopped because the last app using it was closed.";

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 100));

export function localServerProbes(options: {
  files: SharedServerFiles;
  repoRoot: string;
  /** How the server is run (default: compiled when this code runs compiled, else its source). */
  serverEntry?: string[];
  say: (line: string) => void;
  startTimeoutMs?: number;
  graceMs?: number;
}): SharedServerProbes {
  return {
    pid: process.pid,
    isAlive,
    isServerUp: (url) => isServerUp(url),
    isLoopback,
    spawnServer: (url) =>
      spawnBundledServer({
        url,
        dataDir: options.files.serverDir,
        repoRoot: options.repoRoot,
        logFile: options.files.log,
        closingMessage: lastAppClosed,
        entry: options.serverEntry ?? serverEntryFor(import.meta.url, options.repoRoot),
      }),
    waitUntilUp: (url, pid) =>
      waitUntilUp(url, pid, {
        timeoutMs: options.startTimeoutMs ?? 20_000,
        isUp: (u) => isServerUp(u, 500),
        isAlive,
        pause,
      }),
    stopServer: (pid) => stopPid(pid, { graceMs: options.graceMs ?? 5_000, pause }),
    pause,
    now: () => new Date(),
    say: options.say,
  };
}
