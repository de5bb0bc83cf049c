// A Logger for tests: the real createLogger, every line kept in memory (debug included), and
// a way to wait for the line a test expects instead of sleeping.
import { createLogger, type Logger, type LogLevel } from '../../../../main/core/log/logger.js';
import { LineCapture } from '../../../support/line-capture.js';

export class CapturedLog extends LineCapture {
  readonly logger: Logger = createLogger(this.write, { level: 'debug' });

  /** Lines at `level`, without their timestamps. */
  at(level: LogLevel): string[] {
    return this.lines.flatMap((line) => {
      const [, lineLevel, text] = /^\S+ (\w+) ([\s\S]*)$/.exec(line) ?? [];
      return lineLevel === level && text !== undefined ? [text] : [];
    });
  }
}

export function capturedLog(): CapturedLog {
  return new CapturedLog();
}
