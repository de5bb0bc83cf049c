// The server's log lines: one line each on stderr, filtered by --log-level.
import { describe, expect, it } from 'vitest';
import { logLevels, stderrLogger, type LogLevel } from '../../server/logger.js';

function linesAt(level: LogLevel): string[] {
  const lines: string[] = [];
  const logger = stderrLogger(level, (line) => lines.push(line));
  logger.debug('a debug line');
  logger.info('an info line');
  logger.warn('a warn line');
  logger.error('an error line', new Error('what broke'));
  return lines;
}

describe('stderrLogger', () => {
  it('writes the lines of its level and of every more severe level, and no others', () => {
    const written = Object.fromEntries(
      logLevels.map((level) => [level, linesAt(level).map((line) => line.split(' ')[1])]),
    );
    expect(written).toEqual({
      error: ['error'],
      warn: ['warn', 'error'],
      info: ['info', 'warn', 'error'],
      debug: ['debug', 'info', 'warn', 'error'],
    });
  });

  it('writes "<ISO time> <level> <message>" lines, with the stack of an error', () => {
    const [debug, , , error] = linesAt('debug');
    expect(debug).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z debug a debug line\n$/);
    expect(error).toMatch(/^\S+ error an error line: Error: what broke\n {4}at /);
  });

  it('logs at info unless told otherwise', () => {
    const lines: string[] = [];
    const logger = stderrLogger(undefined, (line) => lines.push(line));
    logger.debug('hidden');
    logger.info('shown');
    expect(lines.map((line) => line.split(' ').slice(1).join(' '))).toEqual(['info shown\n']);
  });
});
