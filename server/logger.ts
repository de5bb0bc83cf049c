// Plain-text log lines on stderr (stdout's first line belongs to "listening on …"), filtered by level.
// Callers pass ids and codes only: never tokens, passwords or message content.

export const logLevels = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Writes the lines at `level` and the more severe ones; `write` is stderr unless a test passes its own. */
export function stderrLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => void process.stderr.write(line),
): Logger {
  const shown = (at: LogLevel) => logLevels.indexOf(at) <= logLevels.indexOf(level);
  const line = (at: LogLevel, message: string) => {
    if (shown(at)) write(`${new Date().toISOString()} ${at} ${message}\n`);
  };
  return {
    debug: (message) => line('debug', message),
    info: (message) => line('info', message),
    warn: (message) => line('warn', message),
    error: (message, error) =>
      line('error', error instanceof Error ? `${message}: ${error.stack ?? error.message}` : message),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
