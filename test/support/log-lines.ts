// A logger for an in-process server that keeps every line as the real one writes it (at debug
// level), so a test can read them and wait for one instead of sleeping.
import { stderrLogger, type Logger } from '../../server/logger.js';

export class LogLines {
  readonly lines: string[] = [];
  readonly logger: Logger;
  private waiters: Array<() => void> = [];

  constructor() {
    this.logger = stderrLogger('debug', (line) => {
      this.lines.push(line);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves with the first line matching `pattern`, now or when it is written. */
  async waitFor(pattern: RegExp): Promise<string> {
    for (;;) {
      const found = this.lines.find((line) => pattern.test(line));
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}
