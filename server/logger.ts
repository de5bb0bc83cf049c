// Plain-text log lines on stderr (stdout's first line belongs to "listening on …").
// Callers pass ids and codes only: never tokens, passwords or message content.

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function stderrLogger(): Logger {
  const line = (level: string, message: string) =>
    process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);
  return {
    info: (message) => line('info', message),
    warn: (message) => line('warn', message),
    error: (message, error) =>
      line('error', error instanceof Error ? `${message}: ${error.stack ?? error.message}` : message),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
