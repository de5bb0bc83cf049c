// Node runtime (the load generator). The wait for a paced load's steady state (capacity.ts
// isSteady), checked at each ack and each delivery: the only moments its backlog shrinks.
import { backlogOf, isSteady, type SendCounts } from './capacity.js';
import type { Settling } from './ipc.js';

export class SteadyWait {
  private check: (() => void) | undefined;

  /** `counts` are the load generator's own, read as they change. */
  constructor(private readonly counts: SendCounts) {}

  /** An ack or a delivery came in. */
  changed(): void {
    this.check?.();
  }

  /** Resolves once the load is steady, or after `maxMs` with `steady: false`; one wait at a time. */
  until(offeredPerSecond: number, maxMs: number): Promise<Settling> {
    const started = Date.now();
    return new Promise((resolve) => {
      const finish = (steady: boolean) => {
        clearTimeout(deadline);
        this.check = undefined;
        resolve({ waitedMs: Date.now() - started, steady, backlog: backlogOf(this.counts) });
      };
      const deadline = setTimeout(() => finish(false), maxMs);
      this.check = () => {
        if (isSteady(this.counts, offeredPerSecond)) finish(true);
      };
      this.check();
    });
  }
}
