// What the renderer reports reaches the log as one warn line each, at most ten a minute, then
// one line counting the rest; through the core, a report is checked before it is written.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProblemReports } from '../../../../main/core/api/problem-reports.js';
import { problemReportLimits } from '../../../../main/ipc/contract.js';
import { TestCore } from '../../../support/cores.js';
import { capturedLog } from '../log/captured-log.js';

const report = (n: number) => ({ context: 'rendering the chat list', message: `TypeError: broken ${n}` });

describe('problem reports', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('writes each report as one warn line: context, message and stack, on one line', () => {
    const log = capturedLog();
    const reports = new ProblemReports(log.logger);
    reports.report({
      context: 'loading the window',
      message: 'TypeError: x is undefined\n2026-01-01T00:00:00.000Z error forged entry',
      stack: 'TypeError: x is undefined\n    at start (index.js:1:10)\u001b[31m',
    });
    expect(log.lines).toHaveLength(1);
    expect(log.at('warn')).toEqual([
      'renderer: loading the window: TypeError: x is undefined 2026-01-01T00:00:00.000Z error forged entry' +
        ' | stack: TypeError: x is undefined at start (index.js:1:10) [31m',
    ]);
  });

  it(`logs at most ${problemReportLimits.perMinute} a minute, then says how many more were dropped`, async () => {
    const log = capturedLog();
    const reports = new ProblemReports(log.logger);
    for (let n = 1; n <= 25; n++) reports.report(report(n));
    expect(log.lines).toHaveLength(problemReportLimits.perMinute);
    expect(log.at('warn').at(-1)).toBe('renderer: rendering the chat list: TypeError: broken 10');

    await vi.advanceTimersByTimeAsync(59_999);
    expect(log.lines).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(1);
    expect(log.at('warn').at(-1)).toBe('renderer: 15 more problem reports dropped (over 10 a minute)');

    // A new minute: reports are written again.
    reports.report(report(26));
    expect(log.at('warn').at(-1)).toBe('renderer: rendering the chat list: TypeError: broken 26');
    expect(log.lines).toHaveLength(12);
  });

  it('writes no "dropped" line for a minute that dropped nothing, and counts the open minute on stop', () => {
    const log = capturedLog();
    const reports = new ProblemReports(log.logger, 2);
    reports.report(report(1));
    vi.advanceTimersByTime(60_000);
    expect(log.lines).toHaveLength(1);
    for (let n = 2; n <= 5; n++) reports.report(report(n));
    reports.stop();
    expect(log.at('warn').slice(1)).toEqual([
      'renderer: rendering the chat list: TypeError: broken 2',
      'renderer: rendering the chat list: TypeError: broken 3',
      'renderer: 2 more problem reports dropped (over 2 a minute)',
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('reportProblem through the core', () => {
  it('logs a valid report as a warn line and answers ok', async () => {
    const core = await TestCore.open();
    try {
      const result = await core.bridge.request('reportProblem', {
        context: 'loading the window',
        message: 'Error: snapshot failed',
        stack: 'Error: snapshot failed\n    at startWindow (wiring.ts:50:5)',
      });
      expect(result).toEqual({ ok: true, value: null });
      expect(core.log.at('warn')).toEqual([
        'renderer: loading the window: Error: snapshot failed | stack: Error: snapshot failed at startWindow (wiring.ts:50:5)',
      ]);
    } finally {
      await core.close();
    }
  });
});
