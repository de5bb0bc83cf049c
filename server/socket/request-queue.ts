// Server, socket layer: one socket's requests, taking effect and answered in the order they came,
// at most `maxPending` queued or running (docs/protocol.md §6.2). A request may start before the
// previous one has finished once that one has placed its write in the store's queue (see
// `RequestOrder`), so consecutive sends of one socket can share a group commit.

import type { RequestOrder } from '../chat/request-order.js';
import type { InFlight } from '../in-flight.js';

export class RequestQueue {
  private pending = 0;
  private tail: Promise<void> = Promise.resolve();
  /** Resolves once the newest request may be followed by an early one. */
  private queuedTail: Promise<void> = Promise.resolve();

  constructor(
    private readonly maxPending: number,
    /** Resolves when the next request may start (the socket's output is within its limit). */
    private readonly ready: () => Promise<void>,
    /** The server's count of requests being carried out, which shutdown waits on. */
    private readonly inFlight: InFlight,
  ) {}

  /**
   * Queues a request; false, queuing nothing, when `maxPending` are already queued or running.
   * An `early` request starts as soon as the previous one is queued in the store; any other
   * starts once the previous one is done.
   */
  add(work: (order: RequestOrder) => Promise<void>, early = false): boolean {
    if (this.pending >= this.maxPending) return false;
    this.pending++;
    const previousDone = this.tail;
    let queued!: () => void;
    const queuedHere = new Promise<void>((resolve) => (queued = resolve));
    const done = (early ? this.queuedTail : previousDone).then(async () => {
      let leave: (() => void) | undefined;
      try {
        await this.ready();
        // Counted here, where the request runs: a wrapper's frame would stay suspended for all of it.
        leave = this.inFlight.enter();
        await work({ queued, previousDone });
      } finally {
        queued();
        this.pending--;
        leave?.();
      }
    });
    // Done means this one and every one before it are: the next ones' answers wait for it. (A
    // tail never rejects; one promise per request, as a socket may have many waiting.)
    const afterPrevious = () => previousDone;
    this.tail = early ? done.then(afterPrevious, afterPrevious) : done.then(noop, noop);
    this.queuedTail = queuedHere;
    return true;
  }

  /** Runs `work` once everything queued so far is done, whatever the limit. */
  after(work: () => Promise<void>): void {
    const previousDone = this.tail;
    this.tail = previousDone.then(work);
    this.queuedTail = this.tail;
  }
}

function noop(): void {}
