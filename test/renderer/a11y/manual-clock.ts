// A clock for the announcer that moves only when a test says: bursts end on `advance`, not on time.
import type { AnnouncerClock } from '../../../renderer/a11y/watch.js';

export class ManualClock implements AnnouncerClock {
  private queued: Array<{ at: number; run: () => void }> = [];

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  later(run: () => void, ms: number): () => void {
    const item = { at: this.time + ms, run };
    this.queued.push(item);
    return () => {
      this.queued = this.queued.filter((queued) => queued !== item);
    };
  }

  /** Moves on by `ms`, running what falls due. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.queued.filter((queued) => queued.at <= this.time);
    this.queued = this.queued.filter((queued) => queued.at > this.time);
    for (const { run } of due) run();
  }
}
