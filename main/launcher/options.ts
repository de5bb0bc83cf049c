// Node runtime. The desktop app's command line, shared by the launcher and both shells.
import path from 'node:path';
import { problemReportLimits } from '../ipc/contract.js';
import { logFileDefaults } from '../core/log/log-file.js';
import { profilePaths } from '../core/profile.js';
import { appDataRoot, checkProfileName, defaultProfile, defaultServerUrl, profileDir } from './app-paths.js';

export interface AppOptions {
  profile: string;
  serverUrl: string;
  /** The app-data root holding profiles/ and the bundled server's data. */
  dataDir: string;
  /** Chromium shell only: no window even when a display is available. */
  headless: boolean;
  /** `--help` or `-h`: print helpText() and start nothing. */
  help: boolean;
  /** `npm start` only: try to download Electron even if that failed within the last day. */
  retryElectron: boolean;
}

export class UsageError extends Error {}

function valueAfter(argv: readonly string[], flag: string): string | undefined {
  const index = argv.lastIndexOf(flag);
  if (index !== -1) {
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
    return value;
  }
  const inline = argv.filter((arg) => arg.startsWith(`${flag}=`)).at(-1);
  return inline?.slice(flag.length + 1);
}

/**
 * `--profile NAME` (default "default"), `--server URL` (or $MESSENGER_SERVER_URL),
 * `--data-dir DIR` (default appDataRoot()), `--headless`, `--help`, `--retry-electron`.
 */
export function readAppOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): AppOptions {
  const profile = valueAfter(argv, '--profile') ?? defaultProfile;
  const serverUrl = valueAfter(argv, '--server') ?? (env.MESSENGER_SERVER_URL || defaultServerUrl);
  const dataDir = path.resolve(valueAfter(argv, '--data-dir') || appDataRoot(env));
  try {
    checkProfileName(profile);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new UsageError(`--server must be a URL such as ${defaultServerUrl}, not "${serverUrl}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--server must be an http(s) URL, not "${serverUrl}".`);
  return {
    profile,
    serverUrl: url.origin,
    dataDir,
    headless: argv.includes('--headless'),
    help: argv.includes('--help') || argv.includes('-h'),
    retryElectron: argv.includes('--retry-electron'),
  };
}

/** What `--help` prints, the same for `npm start`, the Chromium shell and Electron. */
export function helpText(profile: string, dataDir: string): string {
  const logFile = profilePaths(profileDir(dataDir, profile)).log;
  return [
    'Messenger: a one-to-one desktop chat app.',
    '',
    'Usage: npm start -- [options]',
    '',
    `  --profile NAME   one user's data; two profiles can run side by side (default "${defaultProfile}")`,
    `  --server URL     the server the sign-in screen suggests (default ${defaultServerUrl}, or $MESSENGER_SERVER_URL)`,
    '  --data-dir DIR   where profiles/ and the bundled server live (default $MESSENGER_HOME,',
    '                   else $XDG_CONFIG_HOME/messenger, else ~/.config/messenger)',
    '  --headless       Chromium shell only: no window, even with a display',
    '  --retry-electron npm start only: try to download Electron now, even if that failed today',
    '  --rebuild        npm start only: build out/ again even if it looks newer than its sources',
    '  --help, -h       this text',
    '',
    `Log of profile "${profile}": ${logFile}`,
    '  What failed, with ids and error codes; never message content, passwords or the session',
    `  token. At most ${logFileDefaults.maxBytes / 1024 / 1024} MiB, plus ${logFileDefaults.keep} older files (messenger.1.log, …).`,
    '  MESSENGER_LOG_LEVEL=debug|info|warn|error sets how much is written (default info).',
    `  The window reports its own problems there too, at most ${problemReportLimits.perMinute} a minute.`,
    '',
  ].join('\n');
}
