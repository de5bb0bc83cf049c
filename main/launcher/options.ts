// Node runtime. The desktop app's command line, shared by the launcher and both shells.
import path from 'node:path';
import { appDataRoot, checkProfileName, defaultProfile, defaultServerUrl } from './app-paths.js';

export interface AppOptions {
  profile: string;
  serverUrl: string;
  /** The app-data root holding profiles/ and the bundled server's data. */
  dataDir: string;
  /** Chromium shell only: no window even when a display is available. */
  headless: boolean;
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
 * `--data-dir DIR` (default appDataRoot()), `--headless`.
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
  return { profile, serverUrl: url.origin, dataDir, headless: argv.includes('--headless') };
}
