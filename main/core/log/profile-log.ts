// Node runtime. The log a shell opens for its profile: <profile>/logs/messenger.log through
// LogFile, at the level MESSENGER_LOG_LEVEL asks for (info by default).
import { LogFile, type LogFileOptions } from './log-file.js';
import { createLogger, logLevels, type Logger, type LogLevel } from './logger.js';

export interface ProfileLog {
  readonly logger: Logger;
  readonly file: string;
  close(): void;
}

export interface ProfileLogOptions extends LogFileOptions {
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export function openProfileLog(file: string, options: ProfileLogOptions = {}): ProfileLog {
  const logFile = new LogFile(file, options);
  const { level, unknown } = logLevelFrom(options.env ?? process.env);
  const logger = createLogger((line) => logFile.write(line), { level, now: options.now });
  if (unknown !== undefined)
    logger.warn(`MESSENGER_LOG_LEVEL="${unknown.slice(0, 20)}" is not a level; using ${level}`);
  return { logger, file, close: () => logFile.close() };
}

/** The level MESSENGER_LOG_LEVEL names; `unknown` holds a value that names none. */
export function logLevelFrom(env: NodeJS.ProcessEnv): { level: LogLevel; unknown?: string } {
  const asked = env.MESSENGER_LOG_LEVEL?.trim().toLowerCase();
  if (!asked) return { level: 'info' };
  const level = logLevels.find((known) => known === asked);
  return level ? { level } : { level: 'info', unknown: asked };
}

/** Where a caller that was given no log writes: stderr, so nothing is dropped unseen. */
export const stderrLogger: Logger = createLogger((line) => process.stderr.write(`${line}\n`));
