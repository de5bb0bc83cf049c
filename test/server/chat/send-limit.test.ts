// The send limit of one node: the sliding window, refunds, and the retry hint of a refusal.
import { describe, expect, it } from 'vitest';
import { SendLimit } from '../../../server/chat/send-limit.js';

describe('SendLimit', () => {
  const t = 1_000_000;

  it('refuses past the limit with the time until the oldest send leaves the window', () => {
    const limit = new SendLimit(3, 10_000);
    for (const at of [t, t + 1_000, t + 2_000]) expect(limit.take(7, at)).toEqual({ admitted: true });
    expect(limit.take(7, t + 4_000)).toEqual({ admitted: false, retryAfterMs: 6_000 });
    expect(limit.take(7, t + 9_999)).toEqual({ admitted: false, retryAfterMs: 1 });
    // Exactly when the hint said: the oldest has left, one slot is free, then the next wait.
    expect(limit.take(7, t + 10_000)).toEqual({ admitted: true });
    expect(limit.take(7, t + 10_000)).toEqual({ admitted: false, retryAfterMs: 1_000 });
    // Other users are counted apart.
    expect(limit.take(8, t + 10_000)).toEqual({ admitted: true });
  });

  it('rounds a fractional wait up to whole milliseconds, never below 1', () => {
    const limit = new SendLimit(1, 10_000);
    expect(limit.take(7, t + 0.25).admitted).toBe(true);
    expect(limit.take(7, t + 5_000)).toEqual({ admitted: false, retryAfterMs: 5_001 });
    expect(limit.take(7, t + 10_000.2)).toEqual({ admitted: false, retryAfterMs: 1 });
  });

  it('gives a refunded slot back at once', () => {
    const limit = new SendLimit(2, 10_000);
    expect(limit.take(7, t).admitted).toBe(true);
    expect(limit.take(7, t + 1).admitted).toBe(true);
    limit.refund(7);
    expect(limit.take(7, t + 2)).toEqual({ admitted: true });
    expect(limit.take(7, t + 3)).toEqual({ admitted: false, retryAfterMs: 9_997 });
  });

  it('admits everything with no limit', () => {
    const limit = new SendLimit(0);
    for (let i = 0; i < 1_000; i++) expect(limit.take(7, t).admitted).toBe(true);
  });
});
