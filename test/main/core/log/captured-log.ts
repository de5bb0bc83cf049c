// A Logger for tests: the real createLogger, every line kept in memory (debug included), and
// a way to wait for the line a test expects instead of sleeping.
import { createLogger, type Logger, type LogLevel } from '../../../../main/core/log/logger.js';

export interface CapturedLog {
  logger: Logger;
  lines: string[];
  /** Lines at `level`, without their timestamps. */
  at(level: LogLevel): string[];
  /** Resolves with the first line, written already or still to come, that `pattern` matches. */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves with the next line written. */
  next(): Promise<string>;
}

export function capturedLog(): CapturedLog {
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const logger = createLogger(
    (line) => {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    },
    { level: 'debug' },
  );
  return {
    logger,
    lines,
    at: (level) =>
      lines.flatMap((line) => {
        const [, lineLevel, text] = /^\S+ (\w+) ([\s\S]*)$/.exec(line) ?? [];
        return lineLevel === level && text !== undefined ? [text] : [];
      }),
    waitFor: (pattern) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ pattern, resolve }));
    },
    next: () => new Promise((resolve) => waiters.push({ pattern: /(?:)/, resolve })),
  };
}
