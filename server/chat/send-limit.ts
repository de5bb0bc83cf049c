// Server: the per-user send limit, at most `perWindow` stored messages in any sliding window. This
// class counts the sends of this process; with several nodes, cluster/cluster-send-limit.ts
// adds the sends the other nodes admitted (see `othersSent`).

/** A send admitted, or refused with how long until one would be (docs/protocol.md §4). */
export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number };

const slotTaken: Admission = { admitted: true };

export class SendLimit {
  /** user → times of the sends this node admitted, oldest first. */
  private readonly sent = new Map<number, number[]>();
  private sweptAt = -Infinity;

  constructor(
    protected readonly perWindow: number,
    protected readonly windowMs = 10_000,
  ) {}

  /** Takes a slot when one is free; 0 per window means no limit. Synchronous. */
  take(user: number, now: number): Admission {
    if (this.perWindow === 0) return slotTaken;
    if (now - this.sweptAt > this.windowMs) this.sweep(now);
    const since = now - this.windowMs;
    const times = (this.sent.get(user) ?? []).filter((t) => t > since);
    const others = this.othersSent(user, since);
    if (times.length + others.length >= this.perWindow) {
      if (times.length > 0) this.sent.set(user, times);
      else this.sent.delete(user);
      return { admitted: false, retryAfterMs: this.retryAfterMs([...times, ...others], now) };
    }
    times.push(now);
    this.sent.set(user, times);
    this.admitted(user, now);
    return slotTaken;
  }

  /** Gives back the newest slot of a send that was not stored after all. */
  refund(user: number): void {
    const time = this.sent.get(user)?.pop();
    if (time !== undefined) this.refunded(user, time);
  }

  /** Times of the sends of `user` admitted elsewhere after `since`: none on a single node. */
  protected othersSent(_user: number, _since: number): number[] {
    return [];
  }

  /** This node admitted a send of `user` at `time`. */
  protected admitted(_user: number, _time: number): void {}

  /** This node gave back the slot it took for `user` at `time`. */
  protected refunded(_user: number, _time: number): void {}

  /**
   * Forgets users whose sends have all left the window, so idle users cost no memory. Kept for
   * two windows: a send's `now` is taken before its transaction, so takes may come slightly
   * out of order.
   */
  protected sweep(now: number): void {
    this.sweptAt = now;
    const before = now - 2 * this.windowMs;
    for (const [user, times] of this.sent) if (times.every((t) => t <= before)) this.sent.delete(user);
  }

  /**
   * Until enough of the counted sends have left the window for one more to fit: when the oldest
   * leaves, unless nodes admitted at the same moment took the count past the limit (see
   * cluster-send-limit.ts); then as many more as that overshoot.
   */
  private retryAfterMs(counted: number[], now: number): number {
    const oldestFirst = counted.sort((a, b) => a - b);
    const leaving = oldestFirst[oldestFirst.length - this.perWindow]!;
    return Math.max(1, Math.ceil(leaving + this.windowMs - now));
  }
}
