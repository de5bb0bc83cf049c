// Group commit: every store call queued while a commit is being prepared runs inside one
// transaction, so one fsync makes a whole batch durable. Calls run in the order they were
// queued, each in its own savepoint so one failing call does not undo its neighbours.
import type { Database } from 'better-sqlite3';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  /** Transactions committed so far; with group commit this grows slower than the calls. */
  commits = 0;
  private readonly runBatch: (batch: Pending[]) => Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>;

  constructor(db: Database) {
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
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued and refuses new work. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
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
  }
}
