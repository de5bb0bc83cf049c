// Copies the write-ahead log back into the database file on a worker thread. Left to SQLite,
// that copy (a checkpoint: the pages of ~1,000 frames and two fsyncs) runs inside a COMMIT on
// the event loop; here the event loop reads and answers sockets meanwhile. Commits wait while
// a checkpoint runs, so each one ends with the whole log copied and the next commit starts
// the log over: the WAL file stays the size of what is written between two checkpoints.
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { GroupCommit } from './group-commit.js';

/** How long commits gather in the log before it is copied back. */
const checkpointEveryMs = 250;
/** A checkpoint still running then is given up on, and SQLite checkpoints inside commits again. */
const checkpointTimeoutMs = 10_000;
/** What SQLite's own checkpointing starts at, in frames (its default). */
const inlineCheckpointFrames = 1000;

/** `PRAGMA wal_checkpoint`'s row: frames in the log, and how many of them are in the database file. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

// CommonJS source rather than a module file, so it runs alike under tsx, vitest and a build.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('synchronous = FULL');
parentPort.on('message', (request) => {
  if (request === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  parentPort.postMessage(db.pragma('wal_checkpoint(PASSIVE)')[0]);
});
`;

export class BackgroundCheckpoints {
  private worker: Worker | null;
  private timer: NodeJS.Timeout | null = null;
  private running: {
    done: (result: CheckpointResult | null) => void;
    promise: Promise<CheckpointResult | null>;
  } | null = null;
  private closing = false;

  constructor(
    private readonly db: Database,
    file: string,
    private readonly commits: GroupCommit,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // No flags of the server's (a loader, --input-type) reach the thread: its source is plain CommonJS.
    this.worker = new Worker(workerSource, { eval: true, execArgv: [], workerData: { driver, file } });
    // An open store must not keep the process alive, nor a store left open by a crash test.
    this.worker.unref();
    this.worker.on('message', (result: CheckpointResult) => this.running?.done(result));
    this.worker.on('error', (error) => this.fallBack(`the checkpoint thread failed: ${error.message}`));
    this.worker.on('exit', (code) => this.fallBack(`the checkpoint thread exited (${code})`));
    db.pragma('wal_autocheckpoint = 0');
    commits.onCommitted = () => this.schedule();
  }

  /** False once SQLite checkpoints inside commits again (the thread failed, or the store closed). */
  get inBackground(): boolean {
    return this.worker !== null;
  }

  /** Copies the log back now (commits wait meanwhile); null when it is not done in the background. */
  checkpoint(): Promise<CheckpointResult | null> {
    if (this.running) return this.running.promise;
    const worker = this.worker;
    if (!worker) return Promise.resolve(null);
    let done!: (result: CheckpointResult | null) => void;
    const promise = new Promise<CheckpointResult | null>((resolve) => (done = resolve));
    const timeout = setTimeout(
      () => this.fallBack(`a checkpoint took over ${checkpointTimeoutMs / 1000} s`),
      checkpointTimeoutMs,
    );
    timeout.unref();
    this.running = {
      promise,
      done: (result) => {
        clearTimeout(timeout);
        this.running = null;
        this.commits.release();
        done(result);
      },
    };
    this.commits.hold();
    worker.postMessage('checkpoint');
    return promise;
  }

  /** Ends the thread, after the checkpoint it is running; the store closes its own connection after. */
  async close(): Promise<void> {
    this.closing = true;
    this.stopTimer();
    const worker = this.worker;
    if (!worker) return;
    const exited = once(worker, 'exit');
    // Unreferenced, the thread would not keep the process alive until it has closed.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private schedule(): void {
    if (this.timer || this.running || !this.worker) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.checkpoint();
    }, checkpointEveryMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** SQLite checkpoints inside commits again, as without this class; nothing written is lost. */
  private fallBack(reason: string): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.stopTimer();
    this.running?.done(null);
    if (this.closing) return;
    void worker.terminate();
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${inlineCheckpointFrames}`);
    process.emitWarning(`SQLite checkpoints inside commits again: ${reason}`);
  }
}
