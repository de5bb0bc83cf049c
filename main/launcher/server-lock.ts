// Node runtime. The files that make one bundled server per data dir: `server.lock` says which
// process is the server and where it answers; `launchers.lock` is held by the one launcher that
// is starting or stopping it, so two never do at once. A holder whose pid is gone is stale.
import fs from 'node:fs';
import path from 'node:path';

/** What `<dataDir>/server/server.lock` holds while the bundled server runs. */
export interface ServerLock {
  /** The server process. */
  pid: number;
  url: string;
  startedAt: string;
}

/**
 * False when no process has that pid, or (Linux) only its zombie is left: a server whose
 * launcher was killed is reaped by whoever adopted it, which in a container may be never.
 * One we may not signal (EPERM) is alive.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // "pid (name) S ...": the state follows the last ")", since the name may hold one.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    // No /proc (not Linux) or the process just went: kill() said it was there.
    return false;
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable or not JSON: written by nothing of ours, so it holds nothing.
    return undefined;
  }
}

function isPid(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/** The lock, or null when there is none or it is not one of ours (then it is replaced). */
export function readServerLock(file: string): ServerLock | null {
  const lock = readJson(file) as Partial<ServerLock> | null | undefined;
  if (!lock || !isPid(lock.pid) || typeof lock.url !== 'string' || typeof lock.startedAt !== 'string') return null;
  return { pid: lock.pid, url: lock.url, startedAt: lock.startedAt };
}

/** Written whole or not at all: a reader never sees half a lock. */
export function writeServerLock(file: string, lock: ServerLock): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(lock), { mode: 0o600 });
  fs.renameSync(temp, file);
}

export function removeServerLock(file: string): void {
  fs.rmSync(file, { force: true });
}

export interface MutexOptions {
  isAlive: (pid: number) => boolean;
  /** Resolves after a short while; the launcher waits this way for the holder to finish. */
  pause: () => Promise<void>;
  /** How many pauses before giving up on a live holder. */
  maxPauses: number;
}

/** Who holds the mutex: a pid, nobody any more ('gone'), or a file not ours ('corrupt'). */
type Holder = number | 'gone' | 'corrupt';

function holderOf(file: string): Holder {
  const content = readJson(file) as { pid?: unknown } | null | undefined;
  if (content === null) return 'gone';
  return isPid(content?.pid) ? content.pid : 'corrupt';
}

/**
 * Tries once to create the mutex holding our pid, atomically with its content (`link` fails
 * when the name exists). Returns null when we hold it, else who does.
 */
function tryTake(file: string, pid: number): Holder | null {
  const temp = `${file}.${pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify({ pid }), { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return holderOf(file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Runs `work` while holding `file`; a holder that died is taken over, a live one waited for. */
export async function withMutex<T>(file: string, options: MutexOptions, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const me = process.pid;
  for (let pauses = 0; ;) {
    const holder = tryTake(file, me);
    if (holder === null) break;
    if (holder === 'gone') continue;
    // Our own pid can only be a dead launcher's whose pid was reused: we never nest.
    if (holder === 'corrupt' || holder === me || !options.isAlive(holder)) {
      // Removed only if still the stale holder's: one taken meanwhile names another pid.
      if (holderOf(file) === holder) fs.rmSync(file, { force: true });
      continue;
    }
    if (++pauses > options.maxPauses)
      throw new Error(
        `Another launcher (pid ${holder}) has been starting or stopping the bundled server for too long.`,
      );
    await options.pause();
  }
  try {
    return await work();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
