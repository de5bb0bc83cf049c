// Node runtime. What the renderer reports of its own failures, written to the log as warn
// lines: at most `perMinute` in a minute, then one line saying how many more were dropped, so
// a hostile page can neither fill the disk nor push the useful lines out of the log.
import { problemReportLimits, type ProblemReport } from '../../ipc/contract.js';
import type { Logger } from '../log/logger.js';

const minuteMs = 60_000;

export class ProblemReports {
  #written = 0;
  #dropped = 0;
  /** Runs while a minute of reports is open; when it ends, the count starts again. */
  #minute: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly perMinute: number = problemReportLimits.perMinute,
  ) {}

  /** The report is already checked against its schema (request-schemas.ts). */
  report({ context, message, stack }: ProblemReport): void {
    if (this.#written >= this.perMinute) {
      this.#dropped += 1;
      return;
    }
    if (this.#minute === undefined) {
      this.#minute = setTimeout(() => this.#endMinute(), minuteMs);
      // A minute of counting must not keep the process alive after the app has closed.
      this.#minute.unref?.();
    }
    this.#written += 1;
    const trace = stack ? ` | stack: ${plain(stack)}` : '';
    this.logger.warn(`renderer: ${context}: ${plain(message) || '(no message)'}${trace}`);
  }

  /** Closing: says what was dropped in the minute still open. */
  stop(): void {
    clearTimeout(this.#minute);
    this.#endMinute();
  }

  #endMinute(): void {
    this.#minute = undefined;
    if (this.#dropped > 0)
      this.logger.warn(`renderer: ${this.#dropped} more problem reports dropped (over ${this.perMinute} a minute)`);
    this.#written = 0;
    this.#dropped = 0;
  }
}

// eslint-disable-next-line no-control-regex -- finding them is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line of printable text: control characters (terminal escapes, line breaks) and runs of spaces become one space. */
function plain(text: string): string {
  return text.replace(controlCharacters, ' ').replace(/ {2,}/g, ' ').trim();
}
