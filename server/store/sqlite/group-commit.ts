// Group commit: every store call queued while the event loop was busy runs inside one
// transaction, in the order queued, each in its own savepoint so one failing call does not
// undo its neighbours. SQLite commits without waiting for the disk (synchronous=NORMAL);
// the batch's callers are answered only after `syncLog` (an fdatasync of the WAL, on
// libuv's thread pool) has made that commit durable. One sync runs at a time and covers
// every batch committed before it started, so the loop never blocks on the disk and the
// number of syncs adapts to how fast the disk is.
import type { Database, Statement } from 'better-sqlite3';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A committed batch whose callers wait for the disk. */
interface Committed {
  batch: Pending[];
  results: Outcome[];
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  /** Committed batches that wait for the next sync, oldest first. */
  private waiting: Committed[] = [];
  /** The batches the sync now running will answer (null when none runs). */
  private covered: Committed[] | null = null;
  private syncing: Promise<void> | null = null;
  /** Transactions committed so far; with group commit this grows slower than the calls. */
  commits = 0;
  /** Syncs of the log so far; under load this grows slower than the commits. */
  syncs = 0;
  private readonly runBatch: (batch: Pending[]) => Outcome[];
  private readonly totalChanges: Statement;

  constructor(
    db: Database,
    private readonly syncLog: () => Promise<void>,
  ) {
    const savepoint = db.transaction((work: () => unknown) => work());
    this.runBatch = db.transaction((batch: Pending[]) =>
      batch.map((call): Outcome => {
        try {
          return { ok: true, value: savepoint(call.work) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    this.totalChanges = db.prepare('SELECT total_changes() AS n').pluck();
  }

  /** Runs `work` (synchronous SQLite calls) in the next batch; resolves once it is on disk. */
  run<T>(work: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued, refuses new work, and resolves when every commit is on disk. */
  async close(): Promise<void> {
    this.flush();
    this.closed = true;
    while (this.syncing) await this.syncing;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const changesBefore = this.totalChanges.get() as number;
    let results: Outcome[];
    try {
      results = this.runBatch(batch);
      this.commits++;
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing in the batch is stored.
      for (const call of batch) call.reject(error);
      return;
    }
    const committed: Committed = { batch, results };
    const wrote = (this.totalChanges.get() as number) !== changesBefore;
    if (!wrote && this.waiting.length === 0) {
      // Read only: it may have read what the running sync is writing out, nothing newer.
      if (this.covered) this.covered.push(committed);
      else settle(committed);
      return;
    }
    this.waiting.push(committed);
    this.syncing ??= this.syncWaiting();
  }

  /** Syncs until no committed batch waits; each sync answers the batches committed before it began. */
  private async syncWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const covered = this.waiting;
      this.waiting = [];
      this.covered = covered;
      try {
        await this.syncLog();
        this.syncs++;
        for (const committed of covered) settle(committed);
      } catch (error) {
        // Committed, but not known to be on disk: the caller sees a failure and, for a send,
        // repeats it with the same clientId, which is answered from the stored copy.
        for (const { batch } of covered) for (const call of batch) call.reject(error);
      }
    }
    this.covered = null;
    this.syncing = null;
  }
}

function settle({ batch, results }: Committed): void {
  results.forEach((result, i) => {
    const call = batch[i]!;
    if (result.ok) call.resolve(result.value);
    else call.reject(result.error);
  });
}
