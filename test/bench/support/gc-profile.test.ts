// The bench's summary of what the garbage collector did (gc-profile.ts), read
// from a real GCProfiler recording of this process.
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { formatGc, summarizeGc } from './gc-profile.js';

describe('summarizeGc', () => {
  it('counts the scavenges and what survived them while objects were kept alive', () => {
    const profiler = new v8.GCProfiler();
    profiler.start();
    // Enough short-lived garbage for scavenges, with a part kept until the end so some survives.
    const kept: Array<{ n: number; text: string }> = [];
    for (let i = 0; i < 400_000; i++) {
      const item = { n: i, text: `item ${i}` };
      if (i % 10 === 0) kept.push(item);
    }
    const summary = summarizeGc(profiler.stop().statistics);
    expect(kept.length).toBe(40_000);
    expect(summary.scavenges).toBeGreaterThan(0);
    expect(summary.scavengeMs).toBeGreaterThan(0);
    expect(summary.keptBytes + summary.promotedBytes).toBeGreaterThan(0);
    expect(formatGc(summary)).toMatch(/^ {2}garbage collection: \d+ scavenges, \d+ ms \(/);
  });

  it('says nothing happened when nothing was collected', () => {
    expect(summarizeGc([])).toEqual({
      scavenges: 0,
      scavengeMs: 0,
      keptBytes: 0,
      promotedBytes: 0,
      majors: 0,
      majorMs: 0,
    });
  });
});
