// Log lines: levels, one entry per line, stacks for the unexpected, codes for the expected.
import { describe, expect, it } from 'vitest';
import { failure } from '../../../../main/core/failure.js';
import { createLogger, maxLineLength } from '../../../../main/core/log/logger.js';

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const logger = createLogger((line) => lines.push(line), { level, now: () => Date.UTC(2026, 11, 4, 12) });
  return { lines, logger };
}

describe('createLogger', () => {
  it('stamps each line with the time and level, and drops lines below the level', () => {
    const { lines, logger } = capture('info');
    logger.debug('not shown');
    logger.info('connected');
    logger.warn('slow');
    expect(lines).toEqual(['2026-12-04T12:00:00.000Z info connected', '2026-12-04T12:00:00.000Z warn slow']);
  });

  it('writes an unexpected error with its stack and its causes', () => {
    const { lines, logger } = capture();
    const cause = new RangeError('bad seq');
    logger.caught('catch-up failed', new Error('cache write failed', { cause }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\S+ error catch-up failed: Error: cache write failed\n\s+at /);
    expect(lines[0]).toMatch(/caused by: RangeError: bad seq/);
  });

  it('writes an expected failure as its code only, at debug level', () => {
    const { lines, logger } = capture('debug');
    logger.caught('chat:close', failure('offline', 'Not connected to the server: secret words'));
    expect(lines).toEqual(['2026-12-04T12:00:00.000Z debug chat:close: offline']);
  });

  it('writes an internal failure (an answer the app did not understand) as a warn line with its code', () => {
    const { lines, logger } = capture('info');
    logger.caught('chat:history', failure('internal', 'not understood: messages.0.content'));
    expect(lines).toEqual(['2026-12-04T12:00:00.000Z warn chat:history: internal']);
  });

  it('never writes a thrown value that is not an Error, which could be anything the user typed', () => {
    const { lines, logger } = capture();
    logger.error('odd throw', 'the text of a message');
    expect(lines[0]).toBe('2026-12-04T12:00:00.000Z error odd throw: thrown string');
  });

  it('keeps a message with line breaks on one line, and cuts a line past the cap', () => {
    const { lines, logger } = capture();
    logger.info('one\ntwo\r\nthree');
    logger.info('x'.repeat(maxLineLength * 2));
    expect(lines[0]).toBe('2026-12-04T12:00:00.000Z info one two three');
    expect(lines[1]!.length).toBeLessThan(maxLineLength + 20);
    expect(lines[1]).toMatch(/…\(cut\)$/);
  });
});
