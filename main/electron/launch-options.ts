// Electron main runtime, but pure: the command line of the desktop app.
//   --profile NAME   one folder of data per profile; two profiles can run at once (default "default")
//   --server URL     pre-filled on the sign-in screen (default http://127.0.0.1:4860)
//   --data-dir DIR   where the profiles folder lives (default: Electron's userData folder)
//   --help, -h       launcher/options.ts's helpText(), then exit

export interface LaunchOptions {
  profile: string;
  serverUrl: string;
  /** Null: use app.getPath('userData'). */
  dataDir: string | null;
  help: boolean;
}

import { checkProfileName, defaultProfile, defaultServerUrl } from '../launcher/app-paths.js';

export { defaultProfile, defaultServerUrl };

export class LaunchOptionError extends Error {
  override name = 'LaunchOptionError';
}

/** Reads our flags from anywhere in `argv` (Electron puts its own and Chromium's around them). */
export function parseLaunchOptions(argv: readonly string[]): LaunchOptions {
  const profile = flagValue(argv, 'profile') ?? defaultProfile;
  const serverUrl = flagValue(argv, 'server') ?? defaultServerUrl;
  const dataDir = flagValue(argv, 'data-dir');
  // The name becomes a folder name: it must not climb out of the profiles folder.
  try {
    checkProfileName(profile);
  } catch {
    // checkProfileName's own sentence names no flag: this one does.
    throw new LaunchOptionError(`--profile must be 1-64 letters, digits, "-" or "_" (got "${profile.slice(0, 80)}").`);
  }
  if (!isHttpUrl(serverUrl)) {
    throw new LaunchOptionError(
      `--server must be an http(s) address without a user name or password (got "${serverUrl.slice(0, 200)}").`,
    );
  }
  if (dataDir === '') throw new LaunchOptionError('--data-dir must name a folder.');
  return { profile, serverUrl, dataDir, help: argv.includes('--help') || argv.includes('-h') };
}

function flagValue(argv: readonly string[], name: string): string | null {
  let value: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === `--${name}`) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new LaunchOptionError(`--${name} needs a value.`);
      value = next;
      i++;
    } else if (arg.startsWith(`--${name}=`)) {
      value = arg.slice(name.length + 3);
    }
  }
  return value;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    // Not a URL at all: the answer is no.
    return false;
  }
}
