// The rules of the shared bundled server, with fake processes: the lock, the leases, and who
// starts, reuses or stops the server. shared-server-processes.test.ts runs the real thing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addLease, dropLease, liveLeases } from '../../../main/launcher/leases.js';
import { decideRelease, decideServer } from '../../../main/launcher/plan.js';
import { isAlive, readServerLock, withMutex, writeServerLock } from '../../../main/launcher/server-lock.js';
import {
  sharedServerFiles,
  useServer,
  watchServer,
  type Released,
  type SharedServerFiles,
  type SharedServerProbes,
} from '../../../main/launcher/shared-server.js';
import { followServer } from '../../../main/launcher/server-beside-app.js';
import { tempDir } from '../../support/server.js';

const url = 'http://127.0.0.1:4860';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function files(): SharedServerFiles {
  const dir = tempDir();
  dirs.push(dir);
  return sharedServerFiles(dir);
}

/** A machine of fake processes: `alive` holds the pids that run; a spawned server answers. */
function machine(overrides: Partial<SharedServerProbes> = {}) {
  const alive = new Set<number>([1000, 2000]);
  const said: string[] = [];
  let nextPid = 5000;
  const probes: SharedServerProbes = {
    pid: 1000,
    isAlive: (pid) => alive.has(pid),
    isServerUp: vi.fn(async () => false),
    isLoopback: (u) => new URL(u).hostname === '127.0.0.1',
    spawnServer: vi.fn(() => {
      alive.add(nextPid);
      return nextPid++;
    }),
    waitUntilUp: vi.fn(async () => {}),
    stopServer: vi.fn(async (pid: number) => void alive.delete(pid)),
    pause: async () => {},
    now: () => new Date('2026-12-04T10:00:00Z'),
    say: (line) => said.push(line),
    ...overrides,
  };
  return { probes, alive, said };
}

describe('deciding about the server', () => {
  const lock = { pid: 5000, url, startedAt: '2026-12-04T10:00:00Z' };
  it('reuses the live bundled server at this URL, starts one only on this machine', () => {
    expect(decideServer({ url, lock, answering: true, loopback: true })).toBe('reuse');
    expect(decideServer({ url, lock, answering: false, loopback: true })).toBe('reuse');
    expect(decideServer({ url, lock: null, answering: false, loopback: true })).toBe('start');
    expect(decideServer({ url, lock: null, answering: false, loopback: false })).toBe('remote');
  });
  it('uses a server someone else started, and starts no second one for the same data dir', () => {
    expect(decideServer({ url, lock: null, answering: true, loopback: true })).toBe('foreign');
    const other = 'http://127.0.0.1:5000';
    expect(decideServer({ url: other, lock, answering: true, loopback: true })).toBe('foreign');
    expect(decideServer({ url: other, lock, answering: false, loopback: true })).toBe('elsewhere');
  });
  it('stops the server only when the last live lease is gone and it still runs', () => {
    expect(decideRelease(0, true)).toBe('stop');
    expect(decideRelease(1, true)).toBe('keep');
    expect(decideRelease(0, false)).toBe('keep');
  });
});

describe('the lock', () => {
  it('knows a running pid from one that exited', async () => {
    expect(isAlive(process.pid)).toBe(true);
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.once('exit', resolve));
    expect(isAlive(child.pid!)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('counts a zombie as gone', async () => {
    // The shell's child exits at once; the shell, busy with `read`, does not reap it.
    const shell = spawn('sh', ['-c', 'sleep 0 & echo $!; read line'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const pid = Number(await new Promise<string>((resolve) => shell.stdout.once('data', (d) => resolve(String(d)))));
    try {
      expect(pid).toBeGreaterThan(0);
      // Waits on the kernel, not the clock: the child is a zombie once its exit is done.
      while (!fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z')) await new Promise(setImmediate);
      expect(isAlive(pid)).toBe(false);
    } finally {
      shell.stdin.end('\n');
      await new Promise((resolve) => shell.once('exit', resolve));
    }
  });

  it('reads back what was written, and nothing from a file that is not a lock', () => {
    const { lock } = files();
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    expect(readServerLock(lock)).toBeNull();
    writeServerLock(lock, { pid: 42, url, startedAt: 'now' });
    expect(readServerLock(lock)).toEqual({ pid: 42, url, startedAt: 'now' });
    fs.writeFileSync(lock, '{"pid": "x"');
    expect(readServerLock(lock)).toBeNull();
  });

  it('is taken over from a holder that died, and removed after the work', async () => {
    const { mutex } = files();
    fs.mkdirSync(path.dirname(mutex), { recursive: true });
    fs.writeFileSync(mutex, JSON.stringify({ pid: 3000 }));
    const pause = vi.fn(async () => {});
    const seen = await withMutex(mutex, { isAlive: () => false, pause, maxPauses: 5 }, async () =>
      JSON.parse(fs.readFileSync(mutex, 'utf8')),
    );
    expect(seen).toEqual({ pid: process.pid });
    expect(pause).not.toHaveBeenCalled();
    expect(fs.existsSync(mutex)).toBe(false);
  });

  it('waits for a live holder, and gives up after maxPauses without running the work', async () => {
    const { mutex } = files();
    fs.mkdirSync(path.dirname(mutex), { recursive: true });
    fs.writeFileSync(mutex, JSON.stringify({ pid: 3000 }));
    const work = vi.fn(async () => 'done');
    let pauses = 0;
    const releasedOnSecondPause = async () => void (++pauses === 2 && fs.rmSync(mutex));
    expect(await withMutex(mutex, { isAlive: () => true, pause: releasedOnSecondPause, maxPauses: 5 }, work)).toBe(
      'done',
    );
    expect(pauses).toBe(2);

    fs.writeFileSync(mutex, JSON.stringify({ pid: 3000 }));
    const never = async () => {};
    await expect(withMutex(mutex, { isAlive: () => true, pause: never, maxPauses: 3 }, work)).rejects.toThrow(
      /pid 3000/,
    );
    expect(work).toHaveBeenCalledOnce();
    expect(JSON.parse(fs.readFileSync(mutex, 'utf8'))).toEqual({ pid: 3000 });
  });
});

describe('the leases', () => {
  it('count only live pids, removing dead ones and files that are not leases', () => {
    const { users } = files();
    expect(liveLeases(users, () => true)).toEqual([]);
    addLease(users, 1000, new Date());
    addLease(users, 2000, new Date());
    addLease(users, 3000, new Date());
    fs.writeFileSync(path.join(users, 'junk'), '');
    expect(liveLeases(users, (pid) => pid !== 3000)).toEqual([1000, 2000]);
    expect(fs.readdirSync(users).sort()).toEqual(['1000', '2000']);
    dropLease(users, 1000);
    expect(liveLeases(users, () => true)).toEqual([2000]);
  });
});

describe('using the shared server', () => {
  it('starts it once, writes its lock and a lease, and the last release stops it', async () => {
    const f = files();
    const { probes, alive, said } = machine();
    const first = await useServer(url, f, probes);
    expect(first).toMatchObject({ decision: 'start', serverPid: 5000 });
    expect(readServerLock(f.lock)).toEqual({ pid: 5000, url, startedAt: '2026-12-04T10:00:00.000Z' });
    await first.ready;
    expect(said).toEqual([`Started the bundled server at ${url} (log: ${f.log}).`]);

    const second = await useServer(url, f, { ...probes, pid: 2000 });
    expect(second).toMatchObject({ decision: 'reuse', serverPid: 5000 });
    expect(probes.spawnServer).toHaveBeenCalledOnce();
    expect(fs.readdirSync(f.users).sort()).toEqual(['1000', '2000']);

    expect(await first.release()).toBe('kept');
    expect(await first.release()).toBe('kept');
    expect(alive.has(5000)).toBe(true);
    expect(await second.release()).toBe('stopped');
    expect(probes.stopServer).toHaveBeenCalledWith(5000);
    expect(fs.existsSync(f.lock)).toBe(false);
  });

  it('does not count the lease of a launcher that died', async () => {
    const f = files();
    const { probes, alive } = machine();
    const first = await useServer(url, f, probes);
    await useServer(url, f, { ...probes, pid: 2000 });
    alive.delete(2000);
    expect(await first.release()).toBe('stopped');
  });

  it('stops nothing when the server had exited already, and forgets its lock', async () => {
    const f = files();
    const { probes, alive } = machine();
    const use = await useServer(url, f, probes);
    alive.delete(5000);
    expect(await use.release()).toBe('gone');
    expect(probes.stopServer).not.toHaveBeenCalled();
    expect(fs.existsSync(f.lock)).toBe(false);
  });

  it('starts a new server when the locked one died', async () => {
    const f = files();
    const { probes, alive } = machine();
    await useServer(url, f, probes);
    alive.delete(5000);
    const again = await useServer(url, f, { ...probes, pid: 2000 });
    expect(again).toMatchObject({ decision: 'start', serverPid: 5001 });
  });

  it('never leases or stops a server it did not start', async () => {
    const f = files();
    const { probes } = machine({ isServerUp: vi.fn(async () => true) });
    const use = await useServer(url, f, probes);
    expect(use).toMatchObject({ decision: 'foreign', serverPid: null });
    expect(await use.release()).toBe('not-ours');
    expect(probes.spawnServer).not.toHaveBeenCalled();
    expect(probes.stopServer).not.toHaveBeenCalled();
    expect(fs.existsSync(f.users)).toBe(false);
  });

  it('says so, and starts nothing, for a server on another machine or a second URL', async () => {
    const f = files();
    const { probes, said } = machine();
    expect((await useServer('http://chat.example.com:4860', f, probes)).decision).toBe('remote');
    await useServer(url, f, probes);
    expect((await useServer('http://127.0.0.1:5000', f, { ...probes, pid: 2000 })).decision).toBe('elsewhere');
    expect(said.at(-1)).toMatch(/runs at http:\/\/127.0.0.1:4860.*--server http:\/\/127.0.0.1:4860/);
    expect(probes.spawnServer).toHaveBeenCalledOnce();
  });

  it('cleans up after a server that never answered', async () => {
    const f = files();
    const { probes } = machine({
      waitUntilUp: vi.fn(async () => {
        throw new Error('The bundled server exited before answering.');
      }),
    });
    const use = await useServer(url, f, probes);
    await expect(use.ready).rejects.toThrow(`The bundled server exited before answering. See ${f.log}.`);
    expect(probes.stopServer).toHaveBeenCalledWith(5000);
    expect(fs.existsSync(f.lock)).toBe(false);
    expect(fs.readdirSync(f.users)).toEqual([]);
    expect(fs.existsSync(f.mutex)).toBe(false);
    expect(await use.release()).toBe('stopped');
  });

  it('returns with the lease taken before the server answers, and leaves a second app its server when the first gives up', async () => {
    const f = files();
    let answer = (_up: boolean) => {};
    const answered = new Promise<boolean>((resolve) => (answer = resolve));
    const { probes, alive } = machine({
      waitUntilUp: vi.fn(async () => {
        if (!(await answered)) throw new Error('The bundled server did not answer.');
      }),
    });
    const first = await useServer(url, f, probes);
    expect(probes.waitUntilUp).toHaveBeenCalledOnce();
    expect(fs.readdirSync(f.users)).toEqual(['1000']);
    expect(fs.existsSync(f.mutex)).toBe(false);
    const second = await useServer(url, f, { ...probes, pid: 2000 });
    expect(second).toMatchObject({ decision: 'reuse', serverPid: 5000 });
    answer(false);
    await expect(first.ready).rejects.toThrow(/did not answer/);
    await expect(second.ready).rejects.toThrow(/did not answer/);
    expect(probes.stopServer).toHaveBeenCalledOnce();
    expect(alive.has(5000)).toBe(false);
    expect(fs.existsSync(f.lock)).toBe(false);
  });
});

describe('the app beside the server', () => {
  function pending() {
    let settle = { resolve: () => {}, reject: (_error: Error) => {} };
    const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    return { promise, ...settle };
  }
  function use(ready: Promise<void>, released: Released | 'not-ours' = 'stopped') {
    return { url, decision: 'start' as const, serverPid: 5000, ready, release: vi.fn(async () => released) };
  }

  it('watches the server once it answers, and stops watching and drops the lease when the app exits', async () => {
    const up = pending();
    const server = use(up.promise);
    const unwatch = vi.fn();
    const watch = vi.fn(() => unwatch);
    const said: string[] = [];
    const beside = followServer(server, { watch, say: (line) => said.push(line) });
    expect(watch).not.toHaveBeenCalled();
    up.resolve();
    await server.ready;
    expect(watch).toHaveBeenCalledOnce();
    expect(server.release).not.toHaveBeenCalled();
    expect(await beside.appExited()).toBe('stopped');
    expect(unwatch).toHaveBeenCalledOnce();
    expect(said).toEqual(['Stopped the bundled server: no other app uses it.']);
  });

  it('says why when the server never comes up, and does not watch a server after the app exited', async () => {
    const failing = pending();
    const said: string[] = [];
    const watch = vi.fn(() => () => {});
    followServer(use(failing.promise), { watch, say: (line) => said.push(line) });
    failing.reject(new Error('The bundled server exited before answering. See server.log.'));
    await failing.promise.catch(() => undefined);
    await Promise.resolve();
    expect(said).toEqual([
      'The bundled server exited before answering. See server.log. The app shows its saved chats and connects once a server answers.',
    ]);

    const late = pending();
    const beside = followServer(use(late.promise, 'kept'), { watch, say: () => {} });
    expect(await beside.appExited()).toBe('kept');
    late.resolve();
    await late.promise;
    expect(watch).not.toHaveBeenCalled();
  });
});

describe('watching the bundled server', () => {
  it('tells once when its process is gone, and not after the watch is stopped', () => {
    vi.useFakeTimers();
    try {
      let alive = true;
      const gone = vi.fn();
      const stop = watchServer(5000, () => alive, gone, 1000);
      vi.advanceTimersByTime(5000);
      expect(gone).not.toHaveBeenCalled();
      alive = false;
      vi.advanceTimersByTime(5000);
      expect(gone).toHaveBeenCalledOnce();

      const quiet = vi.fn();
      watchServer(5000, () => false, quiet, 1000)();
      vi.advanceTimersByTime(5000);
      expect(quiet).not.toHaveBeenCalled();
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
