// When S2's windows start: once the paced load's backlog has drained after the warm-up
// (capacity.ts isSteady, steady.ts SteadyWait in the load generator), on counts the test moves.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backlogOf, isSteady, type SendCounts } from './capacity.js';
import { SteadyWait } from './steady.js';

const counts = (sent: number, acked: number, failed: number, delivered: number): SendCounts => ({
  sent,
  acked,
  failed,
  delivered,
});

describe('backlogOf', () => {
  it('counts the sends awaiting their ack, or their delivery when that is more', () => {
    expect(backlogOf(counts(1_000, 700, 100, 750))).toBe(200);
    expect(backlogOf(counts(1_000, 950, 0, 600))).toBe(400);
    // A delivery can beat its ack: nothing is owed then.
    expect(backlogOf(counts(10, 10, 0, 12))).toBe(0);
  });
});

describe('isSteady', () => {
  it('allows a quarter second of the offered sends, as a row that keeps up', () => {
    expect(isSteady(counts(5_000, 4_500, 0, 4_500), 2_000)).toBe(true);
    expect(isSteady(counts(5_000, 4_499, 0, 4_499), 2_000)).toBe(false);
  });
});

describe('SteadyWait', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The load generator's counts with `behind` sends neither acked nor delivered. */
  const behindBy = (live: SendCounts, behind: number) =>
    Object.assign(live, counts(10_000, 10_000 - behind, 0, 10_000 - behind));

  it('answers at the first ack or delivery that leaves the load steady', async () => {
    const live = behindBy(counts(0, 0, 0, 0), 3_000);
    const wait = new SteadyWait(live);
    let answered = false;
    const settling = wait.until(2_000, 20_000);
    void settling.then(() => (answered = true));
    vi.advanceTimersByTime(1_000);
    behindBy(live, 900);
    wait.changed();
    await Promise.resolve();
    expect(answered).toBe(false);
    vi.advanceTimersByTime(500);
    behindBy(live, 300);
    wait.changed();
    expect(await settling).toEqual({ waitedMs: 1_500, steady: true, backlog: 300 });
  });

  it('gives up after maxMs and says the backlog never drained', async () => {
    const live = behindBy(counts(0, 0, 0, 0), 4_000);
    const settling = new SteadyWait(live).until(2_000, 20_000);
    vi.advanceTimersByTime(20_000);
    expect(await settling).toEqual({ waitedMs: 20_000, steady: false, backlog: 4_000 });
  });

  it('answers at once when the load is steady already', async () => {
    expect(await new SteadyWait(counts(100, 100, 0, 100)).until(2_000, 20_000)).toEqual({
      waitedMs: 0,
      steady: true,
      backlog: 0,
    });
  });
});
