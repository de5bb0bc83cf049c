// The per-user send limit: at most `perWindow` stored messages in any sliding window. This
// class counts the sends of this process; with several nodes, cluster/cluster-send-limit.ts
// adds the sends the other nodes admitted (see `othersSent`).

export class SendLimit {
  /** user → times of the sends this node admitted, oldest first. */
  private readonly sent = new Map<number, number[]>();
  private sweptAt = -Infinity;

  constructor(
    protected readonly perWindow: number,
    protected readonly windowMs = 10_000,
  ) {}

  /** Takes a slot when one is free; 0 per window means no limit. Synchronous. */
  take(user: number, now: number): boolean {
    if (this.perWindow === 0) return true;
    if (now - this.sweptAt > this.windowMs) this.sweep(now);
    const since = now - this.windowMs;
    const times = (this.sent.get(user) ?? []).filter((t) => t > since);
    if (times.length + this.othersSent(user, since) >= this.perWindow) {
      if (times.length > 0) this.sent.set(user, times);
      else this.sent.delete(user);
      return false;
    }
    times.push(now);
    this.sent.set(user, times);
    this.admitted(user, now);
    return true;
  }

  /** Gives back the newest slot of a send that was not stored after all. */
  refund(user: number): void {
    const time = this.sent.get(user)?.pop();
    if (time !== undefined) this.refunded(user, time);
  }

  /** Sends of `user` admitted elsewhere after `since`: none on a single node. */
  protected othersSent(_user: number, _since: number): number {
    return 0;
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
}
