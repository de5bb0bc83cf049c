// Server: at most one `typing` relayed per sender and receiver in each interval
// (docs/protocol.md §7); the rest are dropped, so a flood reaches no one.

export class TypingThrottle {
  /** "from>to" → when its last typing was relayed. */
  private readonly relayedAt = new Map<string, number>();
  private sweptAt = -Infinity;

  constructor(private readonly intervalMs: number) {}

  /** True when this typing may be relayed now, and counts it. */
  admit(from: number, to: number, now: number): boolean {
    if (now - this.sweptAt > this.intervalMs) this.sweep(now);
    const key = `${from}>${to}`;
    const last = this.relayedAt.get(key);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.relayedAt.set(key, now);
    return true;
  }

  /** Forgets pairs whose interval has passed, so the map holds only recent typists. */
  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [key, at] of this.relayedAt) if (now - at >= this.intervalMs) this.relayedAt.delete(key);
  }
}
