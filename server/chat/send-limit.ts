// The per-user send limit: at most `perWindow` stored messages in any sliding window.

export class SendLimit {
  private readonly sent = new Map<number, number[]>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs = 10_000,
  ) {}

  /** Takes a slot when one is free; 0 per window means no limit. */
  take(user: number, now: number): boolean {
    if (this.perWindow === 0) return true;
    const times = (this.sent.get(user) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length >= this.perWindow) {
      this.sent.set(user, times);
      return false;
    }
    times.push(now);
    this.sent.set(user, times);
    return true;
  }

  /** Gives back the newest slot of a send that was not stored after all. */
  refund(user: number): void {
    this.sent.get(user)?.pop();
  }
}
