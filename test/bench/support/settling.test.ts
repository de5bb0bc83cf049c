// When S2's windows start: once the paced load's backlog has drained after the warm-up
// (capacity.ts isSteady, windows.ts untilSteady), read from scripted load-generator snapshots.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backlogOf, isSteady } from './capacity.js';
import type { LoadSnapshot } from './ipc.js';
import type { Child } from './procs.js';
import { settlingMaxMs, settlingPollMs, untilSteady, type Rig } from './windows.js';

function snapshot(counts: Pick<LoadSnapshot, 'sent' | 'acked' | 'failed' | 'delivered'>): LoadSnapshot {
  return {
    at: 0,
    connected: 2,
    cpuUserUs: 0,
    cpuSystemUs: 0,
    rss: 0,
    deliveryMs: [],
    ackMs: [],
    errors: [],
    ...counts,
  };
}

/** A rig whose load generator answers each snapshot with the next of `script` (the last one repeated). */
function scriptedRig(script: LoadSnapshot[]): { rig: Rig; asked: () => number } {
  let asked = 0;
  const call = <R>(request: unknown): Promise<R> => {
    expect(request).toEqual({ cmd: 'snapshot' });
    return Promise.resolve(script[Math.min(asked++, script.length - 1)] as R);
  };
  return { rig: { servers: [], load: { call } as unknown as Child }, asked: () => asked };
}

describe('backlogOf', () => {
  it('counts the sends awaiting their ack, or their delivery when that is more', () => {
    expect(backlogOf(snapshot({ sent: 1_000, acked: 700, failed: 100, delivered: 750 }))).toBe(200);
    expect(backlogOf(snapshot({ sent: 1_000, acked: 950, failed: 0, delivered: 600 }))).toBe(400);
    // A delivery can beat its ack: nothing is owed then.
    expect(backlogOf(snapshot({ sent: 10, acked: 10, failed: 0, delivered: 12 }))).toBe(0);
  });
});

describe('isSteady', () => {
  it('allows a quarter second of the offered sends, as a row that keeps up', () => {
    expect(isSteady(snapshot({ sent: 5_000, acked: 4_500, failed: 0, delivered: 4_500 }), 2_000)).toBe(true);
    expect(isSteady(snapshot({ sent: 5_000, acked: 4_499, failed: 0, delivered: 4_499 }), 2_000)).toBe(false);
  });
});

describe('untilSteady', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits while the backlog drains and returns at the first steady look', async () => {
    const draining = [3_000, 2_000, 900, 300, 40].map((behind) =>
      snapshot({ sent: 10_000, acked: 10_000 - behind, failed: 0, delivered: 10_000 - behind }),
    );
    const { rig, asked } = scriptedRig(draining);
    const settling = untilSteady(rig, 2_000);
    await vi.runAllTimersAsync();
    expect(await settling).toEqual({ waitedMs: 3 * settlingPollMs, steady: true, backlog: 300 });
    expect(asked()).toBe(4);
  });

  it('gives up after settlingMaxMs and says the backlog never drained', async () => {
    const { rig, asked } = scriptedRig([snapshot({ sent: 10_000, acked: 6_000, failed: 0, delivered: 6_000 })]);
    const settling = untilSteady(rig, 2_000);
    await vi.runAllTimersAsync();
    expect(await settling).toEqual({ waitedMs: settlingMaxMs, steady: false, backlog: 4_000 });
    expect(asked()).toBe(settlingMaxMs / settlingPollMs + 1);
  });

  it('does not wait when the load is steady already', async () => {
    const { rig } = scriptedRig([snapshot({ sent: 100, acked: 100, failed: 0, delivered: 100 })]);
    expect(await untilSteady(rig, 2_000)).toEqual({ waitedMs: 0, steady: true, backlog: 0 });
  });
});
