// Node runtime. Where the desktop app keeps its files: one folder per profile (one user
// each), and the bundled server's data beside them, shared by all profiles.
import os from 'node:os';
import path from 'node:path';

export const defaultProfile = 'default';
export const defaultServerUrl = 'http://127.0.0.1:4860';

/** $MESSENGER_HOME, else $XDG_CONFIG_HOME/messenger, else ~/.config/messenger. */
export function appDataRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MESSENGER_HOME) return path.resolve(env.MESSENGER_HOME);
  const config =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(os.homedir(), '.config');
  return path.join(config, 'messenger');
}

/** A profile name becomes a folder name, so it may not contain separators or dots alone. */
export function checkProfileName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(name)) {
    throw new Error(`Invalid profile name "${name}": use letters, digits, "-" and "_" (at most 64).`);
  }
  return name;
}

/** The same layout as the Electron shell's `--data-dir`: <dataDir>/profiles/<name>. */
export function profileDir(dataDir: string, profile: string): string {
  return path.join(dataDir, 'profiles', checkProfileName(profile));
}

export function serverDataDir(dataDir: string): string {
  return path.join(dataDir, 'server');
}
