// Node runtime. One bundled server per data dir, shared by every app started with `npm start`
// (any profile): the first starts it, each registers a lease while its app runs, and the one
// that drops the last live lease stops it. A server someone else started is only used.
import path from 'node:path';
import { addLease, dropLease, liveLeases } from './leases.js';
import { decideRelease, decideServer, type ServerDecision } from './plan.js';
import { readServerLock, removeServerLock, withMutex, writeServerLock, type ServerLock } from './server-lock.js';

export interface SharedServerFiles {
  /** The bundled server's own data dir; the files below live in it. */
  serverDir: string;
  lock: string;
  mutex: string;
  users: string;
  log: string;
}

export function sharedServerFiles(dataDir: string): SharedServerFiles {
  const serverDir = path.join(dataDir, 'server');
  return {
    serverDir,
    lock: path.join(serverDir, 'server.lock'),
    mutex: path.join(serverDir, 'launchers.lock'),
    users: path.join(serverDir, 'users'),
    log: path.join(dataDir, 'server.log'),
  };
}

export interface SharedServerProbes {
  /** This launcher's pid: its lease's name. */
  pid: number;
  isAlive: (pid: number) => boolean;
  isServerUp: (url: string) => Promise<boolean>;
  isLoopback: (url: string) => boolean;
  /** Starts the bundled server detached; returns its pid. */
  spawnServer: (url: string) => number;
  /** Resolves once it answers; throws if it exits first or takes too long. */
  waitUntilUp: (url: string, pid: number) => Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period; resolves once it is gone. */
  stopServer: (pid: number) => Promise<void>;
  /** A short wait between looks at a lock another launcher holds. */
  pause: () => Promise<void>;
  now: () => Date;
  say: (line: string) => void;
}

export type Released = 'stopped' | 'kept' | 'gone';

export interface ServerUse {
  url: string;
  decision: ServerDecision;
  /** The bundled server's pid when this app holds a lease on it. */
  serverPid: number | null;
  /**
   * Settles once the server answers (at once for one this app does not lease); rejects when
   * a leased one exits first or takes too long, after dropping the lease (the last one out
   * stops it). The app need not wait for it: it shows its cache and connects when it can.
   */
  ready: Promise<void>;
  /**
   * Drops this app's lease (once); the last live lease out stops the server: 'stopped'.
   * 'kept' when others still use it, 'gone' when it had exited already, 'not-ours' when this
   * app held no lease.
   */
  release(): Promise<Released | 'not-ours'>;
}

/** How long a launcher waits for another that is starting or stopping the server: 60 s. */
const maxPauses = 600;

function liveLock(files: SharedServerFiles, probes: SharedServerProbes): ServerLock | null {
  const lock = readServerLock(files.lock);
  if (lock && probes.isAlive(lock.pid)) return lock;
  // A server that died (or crashed at start) leaves its lock behind: it holds nothing.
  removeServerLock(files.lock);
  return null;
}

export async function useServer(url: string, files: SharedServerFiles, probes: SharedServerProbes): Promise<ServerUse> {
  const mutex = { isAlive: probes.isAlive, pause: probes.pause, maxPauses };
  return withMutex(files.mutex, mutex, async () => {
    liveLeases(files.users, probes.isAlive);
    const lock = liveLock(files, probes);
    const decision = decideServer({
      url,
      lock,
      answering: await probes.isServerUp(url),
      loopback: probes.isLoopback(url),
    });
    const unleased = (line?: string): ServerUse => {
      if (line) probes.say(line);
      return { url, decision, serverPid: null, ready: Promise.resolve(), release: async () => 'not-ours' };
    };
    if (decision === 'remote') return unleased(`No server answers at ${url}; the app keeps trying to reach it.`);
    if (decision === 'foreign') return unleased();
    if (decision === 'elsewhere')
      return unleased(
        `The bundled server of this data folder runs at ${lock!.url}, not ${url}; start with --server ${lock!.url} to use it.`,
      );

    let pid: number;
    if (lock) {
      pid = lock.pid;
    } else {
      pid = probes.spawnServer(url);
      writeServerLock(files.lock, { pid, url, startedAt: probes.now().toISOString() });
    }
    // The lease exists before this call returns, so before the app could look for the server.
    addLease(files.users, probes.pid, probes.now());
    let released: Promise<Released> | undefined;
    const release = () => (released ??= releaseLease(files, probes));
    const ready = probes.waitUntilUp(url, pid).then(
      () => {
        if (!lock) probes.say(`Started the bundled server at ${url} (log: ${files.log}).`);
      },
      async (error: unknown) => {
        await release();
        throw new Error(`${(error as Error).message} See ${files.log}.`, { cause: error });
      },
    );
    // A caller that never looks at `ready` must not crash the launcher with its rejection.
    ready.catch(() => undefined);
    return { url, decision, serverPid: pid, ready, release };
  });
}

function releaseLease(files: SharedServerFiles, probes: SharedServerProbes): Promise<Released> {
  const mutex = { isAlive: probes.isAlive, pause: probes.pause, maxPauses };
  return withMutex(files.mutex, mutex, async () => {
    dropLease(files.users, probes.pid);
    const others = liveLeases(files.users, probes.isAlive).length;
    // The lock, not our memory, names the server: ours may have died and another launcher
    // restarted it; and without a lock a pid may since belong to anything.
    const lock = readServerLock(files.lock);
    const serverAlive = lock !== null && probes.isAlive(lock.pid);
    if (decideRelease(others, serverAlive) === 'keep') {
      if (serverAlive) return 'kept';
      removeServerLock(files.lock);
      return 'gone';
    }
    await probes.stopServer(lock!.pid);
    removeServerLock(files.lock);
    return 'stopped';
  });
}

/**
 * Calls `gone` once if the bundled server's process ends while this app uses it; the returned
 * function stops watching (call it before releasing).
 */
export function watchServer(
  pid: number,
  isAlive: (pid: number) => boolean,
  gone: () => void,
  intervalMs = 1000,
): () => void {
  const timer = setInterval(() => {
    if (isAlive(pid)) return;
    clearInterval(timer);
    gone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
