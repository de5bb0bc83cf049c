// Electron main runtime, no electron import: "start at login" on Linux, an XDG autostart
// entry (~/.config/autostart/messenger-<profile>.desktop) that desktops run at login.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface AutostartEntry {
  /** Where the entry lives; see autostartFile(). */
  file: string;
  /** The command line that starts this app for this profile, one argument per item. */
  command: string[];
  /** The name a desktop's "Startup applications" list shows. */
  name: string;
  /** A themed icon name (the packages install the hicolor set as "messenger"). */
  icon: string;
}

/** $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when it is unset or not absolute (as the spec says). */
export function autostartFile(env: NodeJS.ProcessEnv, home: string, profile: string): string {
  const configHome = env.XDG_CONFIG_HOME;
  const base = configHome && path.isAbsolute(configHome) ? configHome : path.join(home, '.config');
  return path.join(base, 'autostart', `messenger-${profile}.desktop`);
}

/** Characters that make the Desktop Entry spec's Exec key need an argument quoted. */
const reserved = /[\s"'\\><~|&;$*?#()`]/u;

/** One argument of an Exec line: quoted when needed, `%` doubled (it starts field codes). */
export function execArgument(argument: string): string {
  const quoted = argument === '' || reserved.test(argument) ? `"${argument.replace(/["`$\\]/gu, '\\$&')}"` : argument;
  return quoted.replace(/%/gu, '%%');
}

/** A string value of a desktop file: backslashes, newlines, tabs and returns escaped. */
function keyValue(text: string): string {
  return text.replace(/[\\\n\t\r]/gu, (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c] ?? c);
}

export function desktopEntryText(entry: Pick<AutostartEntry, 'command' | 'name' | 'icon'>): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${keyValue(entry.name)}`,
    `Icon=${keyValue(entry.icon)}`,
    `Exec=${keyValue(entry.command.map(execArgument).join(' '))}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Written beside and renamed over, so a desktop reading at login never sees half a file. */
export async function writeAutostartEntry(entry: AutostartEntry): Promise<void> {
  await mkdir(path.dirname(entry.file), { recursive: true });
  const temporary = `${entry.file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, desktopEntryText(entry), { mode: 0o644 });
    await rename(temporary, entry.file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function removeAutostartEntry(file: string): Promise<void> {
  await rm(file, { force: true });
}

export interface LaunchedAs {
  isPackaged: boolean;
  /** process.execPath: the app's binary, or the bare Electron binary in development. */
  execPath: string;
  /** $APPIMAGE: an AppImage runs from a temporary mount, so its own file is what starts it again. */
  appImage?: string | undefined;
  /** process.argv[1] in development: out/main/main.js, which Electron is given to run. */
  script?: string | undefined;
  profile: string;
  serverUrl: string;
  /** Absolute, or null for the default. */
  dataDir: string | null;
}

/** The command that starts this app again, for this profile, as it was started now. */
export function autostartCommand(launched: LaunchedAs): string[] {
  const options = ['--profile', launched.profile, '--server', launched.serverUrl];
  if (launched.dataDir !== null) options.push('--data-dir', launched.dataDir);
  if (launched.isPackaged) return [launched.appImage || launched.execPath, ...options];
  return [launched.execPath, ...(launched.script ? [launched.script] : []), ...options];
}
