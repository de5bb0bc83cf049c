// Server, socket layer: one socket's requests, carried out one at a time in the order they came,
// at most `maxPending` queued or running (docs/protocol.md §6.2).

export class RequestQueue {
  private pending = 0;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly maxPending: number,
    /** Resolves when the next request may start (the socket's output is within its limit). */
    private readonly ready: () => Promise<void>,
  ) {}

  /** Queues a request; false, queuing nothing, when `maxPending` are already queued or running. */
  add(work: () => Promise<void>): boolean {
    if (this.pending >= this.maxPending) return false;
    this.pending++;
    this.tail = this.tail.then(async () => {
      try {
        await this.ready();
        await work();
      } finally {
        this.pending--;
      }
    });
    return true;
  }

  /** Runs `work` once everything queued so far is done, whatever the limit. */
  after(work: () => Promise<void>): void {
    this.tail = this.tail.then(work);
  }
}
