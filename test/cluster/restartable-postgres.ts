// A throwaway PostgreSQL of one test's own that can be stopped (fast or immediate shutdown),
// killed (SIGKILL to the postmaster) and started again on the same data folder and port, so
// the shared one of the cluster run (test/support/services.ts) never dies under other files.
// The postmaster is this process's own child (not pg_ctl's), so a killed one is reaped at once
// and its stale postmaster.pid does not stop the next start; everything here is asynchronous,
// so the test's clients keep running while PostgreSQL goes down and comes back.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { alive, childrenOf } from '../support/proc.js';
import { freePort, initdbArgs, pgBin } from '../support/services.js';

export interface RestartablePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  port: number;
  /** Fast (SIGINT) or immediate (SIGQUIT) shutdown, as `pg_ctl stop -m …`; resolves once it is gone. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** SIGKILLs the postmaster and waits until every process of the server has exited. */
  killPostmaster(): Promise<void>;
  /** Starts the server again on the same data folder and port (crash recovery when needed). */
  start(): Promise<void>;
  /** Stops the server if it runs and removes its folder. */
  remove(): Promise<void>;
}

export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-pg-restart-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'log');
  // PostgreSQL refuses to run as root: as root it runs as the `postgres` system user.
  const ids: { uid?: number; gid?: number } = process.getuid?.() === 0 ? postgresIds() : {};
  if (ids.uid !== undefined && ids.gid !== undefined) fs.chownSync(dir, ids.uid, ids.gid);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  await new Promise<void>((resolve, reject) => {
    execFile(
      path.join(pgBin, 'initdb'),
      initdbArgs(data),
      { cwd: dir, timeout: 60_000, ...ids },
      (error, stdout, stderr) =>
        error ? reject(new Error(`initdb: ${error.message}\n${stdout}${stderr}`)) : resolve(),
    );
  });

  let postmaster: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    const out = fs.openSync(log, 'a');
    const args = ['-D', data, '-k', dir, '-h', '127.0.0.1', '-p', String(port)];
    // synchronous_commit stays on, as docs/deployment.md asks: a COMMIT returns once its WAL is
    // written, so a killed server loses nothing acknowledged. fsync=off only skips the flush from
    // the OS cache to disk, which a crash of PostgreSQL (not of the machine) does not need.
    const settings = ['fsync=off', 'full_page_writes=off', 'max_connections=100'];
    const child = spawn(path.join(pgBin, 'postgres'), [...args, ...settings.flatMap((s) => ['-c', s])], {
      cwd: dir,
      stdio: ['ignore', out, out],
      ...ids,
    });
    fs.closeSync(out);
    postmaster = child;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`postgres exited at start:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
      }
      const client = new pg.Client({ connectionString: url });
      const ready = await client.connect().then(
        () => client.query('SELECT 1').then(() => true),
        () => false,
      );
      await client.end().catch(() => undefined);
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  /** Signals the postmaster and waits for it and (after a SIGKILL) its orphaned children. */
  const signal = async (name: NodeJS.Signals) => {
    const child = postmaster;
    postmaster = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const children = childrenOf(child.pid!).map((stat) => stat.pid);
    child.kill(name);
    const deadline = Date.now() + 30_000;
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    // After a SIGKILL the backends and helpers notice their postmaster's death and exit; a new
    // postmaster refuses to start while any of them still holds the old shared memory.
    while ([child.pid!, ...children].some(alive)) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not exit within 30 s of ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  await start();
  return {
    url,
    port,
    stop: (mode) => signal(mode === 'fast' ? 'SIGINT' : 'SIGQUIT'),
    killPostmaster: () => signal('SIGKILL'),
    start,
    async remove() {
      try {
        await signal('SIGQUIT');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function postgresIds(): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('no postgres system user');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
