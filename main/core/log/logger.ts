// Node runtime, but pure: the client core's log lines. Callers pass what happened with ids
// and codes only, never message content or tokens; an error is written with its stack and
// causes, except the expected ones (FailureError), which say only their code.
import { FailureError } from '../failure.js';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
  /**
   * For a catch that carries on: an expected failure (offline, refused by the server) is a
   * debug line with its code; an `internal` one (an answer the app did not understand) a warn
   * line with its code; anything else an error with its stack.
   */
  caught(context: string, error: unknown): void;
}

export interface LoggerOptions {
  /** Lines below this level are dropped (default info). */
  level?: LogLevel;
  now?: () => number;
}

/** One line past this is cut: a pathological error must not fill the log by itself. */
export const maxLineLength = 16 * 1024;

export function createLogger(write: (line: string) => void, options: LoggerOptions = {}): Logger {
  const threshold = logLevels.indexOf(options.level ?? 'info');
  const now = options.now ?? Date.now;
  const line = (level: LogLevel, message: string, error?: unknown) => {
    if (logLevels.indexOf(level) < threshold) return;
    const text = `${new Date(now()).toISOString()} ${level} ${oneLine(message)}${error === undefined ? '' : `: ${describe(error)}`}`;
    write(text.length > maxLineLength ? `${text.slice(0, maxLineLength)} …(cut)` : text);
  };
  return {
    debug: (message) => line('debug', message),
    info: (message) => line('info', message),
    warn: (message, error) => line('warn', message, error),
    error: (message, error) => line('error', message, error),
    caught: (context, error) => {
      if (!(error instanceof FailureError)) line('error', context, error);
      else line(error.failure.code === 'internal' ? 'warn' : 'debug', `${context}: ${error.failure.code}`);
    },
  };
}

export const silentLogger: Logger = createLogger(() => {});

/** An error as one log entry: its stack (or name and message), then each cause. */
export function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 4; depth++) {
    if (current instanceof FailureError) parts.push(`FailureError ${current.failure.code}`);
    else if (current instanceof Error) parts.push(current.stack ?? `${current.name}: ${current.message}`);
    else parts.push(`thrown ${typeof current}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n  caused by: ');
}

/** Keeps one entry on one line so a message cannot forge the next entry. */
function oneLine(message: string): string {
  return message.replace(/[\r\n]+/g, ' ');
}
