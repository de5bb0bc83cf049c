// Server: logs what was dropped at most once per interval, so a flood of bad input costs one
// log line per interval, not one per message: the first at once, the rest as a count.
import type { Logger } from '../logger.js';

export class DropReport {
  private pending = 0;
  private lastReason = '';
  private quietUntil: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    /** What is dropped, in the plural: "malformed cluster messages". */
    private readonly what: string,
    private readonly intervalMs = 60_000,
  ) {}

  dropped(reason: string): void {
    if (this.quietUntil === undefined) {
      this.logger.warn(`dropped one of the ${this.what} (${reason})`);
      this.keepQuiet();
      return;
    }
    this.pending++;
    this.lastReason = reason;
  }

  /** Says what is still untold, and stops. */
  stop(): void {
    clearTimeout(this.quietUntil);
    this.quietUntil = undefined;
    this.tell();
  }

  private keepQuiet(): void {
    this.quietUntil = setTimeout(() => {
      this.quietUntil = undefined;
      if (this.tell()) this.keepQuiet();
    }, this.intervalMs);
    this.quietUntil.unref();
  }

  private tell(): boolean {
    if (this.pending === 0) return false;
    const seconds = Math.round(this.intervalMs / 1000);
    this.logger.warn(
      `dropped ${this.pending} more ${this.what} in the last ${seconds} s (the last one: ${this.lastReason})`,
    );
    this.pending = 0;
    return true;
  }
}
