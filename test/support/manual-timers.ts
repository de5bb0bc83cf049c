// Test support: a clock and timers that stand still until a test moves them (server/timers.ts).
import type { Timers } from '../../server/timers.js';

interface Pending {
  at: number;
  run: () => void;
}

export class ManualTimers implements Timers {
  private time = 0;
  private readonly pending = new Set<Pending>();
  private readonly setWaiters: Array<() => void> = [];

  now = (): number => this.time;

  setTimeout = (run: () => void, ms: number): unknown => {
    const timer = { at: this.time + ms, run };
    this.pending.add(timer);
    for (const wake of this.setWaiters.splice(0)) wake();
    return timer;
  };

  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as Pending);
  };

  /** Resolves when the next timer is set. */
  nextTimer(): Promise<void> {
    return new Promise((resolve) => this.setWaiters.push(resolve));
  }

  /** How many timers wait to fire. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Moves the clock on, running each timer that falls due, in time order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.pending].filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.pending.delete(next);
      this.time = next.at;
      next.run();
    }
    this.time = until;
  }
}
