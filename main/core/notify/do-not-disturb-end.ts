// Node runtime, no Electron: turns a timed Do not disturb off when its time comes, so the
// switch in Settings and the tray flips back by itself. Clock and timers are injected.
import type { Settings } from '../../ipc/contract.js';

export interface CoreTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realCoreTimers: CoreTimers = {
  // Unref'd: a pending end of Do not disturb must not keep a closing process alive.
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** setTimeout's longest delay (about 24.8 days); a later end is reached in steps. */
export const longestTimerMs = 2 ** 31 - 1;

export class DoNotDisturbEnd {
  private timer: unknown = null;

  constructor(
    private readonly timers: CoreTimers,
    private readonly now: () => number,
    /** Saves and announces { doNotDisturb: false, doNotDisturbUntil: null }. */
    private readonly turnOff: () => Promise<void>,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Called at start and after every settings change; an end already past turns it off at once. */
  schedule(settings: Pick<Settings, 'doNotDisturb' | 'doNotDisturbUntil'>): void {
    this.cancel();
    const end = settings.doNotDisturbUntil;
    if (!settings.doNotDisturb || end === null) return;
    const wait = end - this.now();
    if (wait <= 0) {
      this.turnOff().catch(this.failed);
      return;
    }
    this.timer = this.timers.setTimeout(
      () => {
        this.timer = null;
        this.schedule(settings);
      },
      Math.min(wait, longestTimerMs),
    );
  }

  cancel(): void {
    if (this.timer === null) return;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
