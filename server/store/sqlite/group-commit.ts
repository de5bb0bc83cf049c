// Group commit: every store call queued while a commit is being prepared runs inside one
// transaction, so one fsync makes a whole batch durable. Calls run in the order they were
// queued, each in its own savepoint so one failing call does not undo its neighbours.
import type { Database } from 'better-sqlite3';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The most calls one transaction takes: one batch is one synchronous turn of the event loop,
 * so a burst of calls is committed over several turns instead of one long one.
 */
export const maxBatchCalls = 512;

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private held = false;
  /** Transactions committed so far; with group commit this grows slower than the calls. */
  commits = 0;
  /** Told after each commit (the background checkpoints count on it). */
  onCommitted: (() => void) | null = null;
  private readonly runBatch: (batch: Pending[]) => Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>;

  constructor(
    db: Database,
    private readonly maxBatch = maxBatchCalls,
  ) {
    const savepoint = db.transaction((work: () => unknown) => work());
    this.runBatch = db.transaction((batch: Pending[]) =>
      batch.map((call) => {
        try {
          return { ok: true as const, value: savepoint(call.work) };
        } catch (error) {
          return { ok: false as const, error };
        }
      }),
    );
  }

  /** Runs `work` (synchronous SQLite calls) in the next batch; resolves once it is on disk. */
  run<T>(work: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Queued calls wait (and gather into the next batch) until `release`. */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    if (this.queue.length > 0) this.schedule();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Commits what is queued and refuses new work. */
  close(): void {
    this.held = false;
    while (this.queue.length > 0) this.flush();
    this.closed = true;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0 || this.held) return;
    const batch = this.queue.splice(0, this.maxBatch);
    // What did not fit runs on a later turn, after the I/O (other sockets' sends) waiting now.
    if (this.queue.length > 0) this.schedule();
    let results;
    try {
      results = this.runBatch(batch);
      this.commits++;
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing in the batch is stored.
      for (const call of batch) call.reject(error);
      return;
    }
    results.forEach((result, i) => {
      const call = batch[i]!;
      if (result.ok) call.resolve(result.value);
      else call.reject(result.error);
    });
    this.onCommitted?.();
  }
}
