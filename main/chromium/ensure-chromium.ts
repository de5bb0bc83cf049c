// Node runtime. Makes sure Debian's Chromium is installed, with the fonts that show emoji
// and Chinese, Japanese and Korean text: the Chromium shell and its tests drive it, and
// Playwright's own browser download cannot work without general internet.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const defaultChromiumPath = '/usr/bin/chromium';

/** Without them emoji show as boxes and CJK text falls back to a poor font. */
export const fontPackages = ['fonts-noto-color-emoji', 'fonts-noto-cjk'] as const;

/** The Chromium executable: env MESSENGER_CHROMIUM, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MESSENGER_CHROMIUM || defaultChromiumPath;
}

export type EnsureResult =
  | { ok: true; path: string; installed: boolean; /** Debian packages apt-get installed. */ packages: string[] }
  | { ok: false; reason: string };

/** What ensureChromium asks of the machine; tests pass their own. */
export interface System {
  exists(file: string): boolean;
  /** Whether dpkg lists the package as installed; null where there is no dpkg (not Debian). */
  installed(pkg: string): boolean | null;
  /** How to run apt-get (directly as root, through sudo), or null when it cannot be run. */
  aptPrefix(): string[] | null;
  /** Runs a command with the terminal; its exit status, or null when killed. */
  run(command: string, args: string[]): number | null;
}

/**
 * Installs Debian's `chromium` with apt-get when the executable is missing, together with the
 * fonts when they are missing too (one apt-get run). With Chromium there, missing fonts are
 * installed when apt-get can run, and only warned about when that fails.
 */
export function ensureChromium(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = say,
  system: System = debianSystem,
): EnsureResult {
  const executable = chromiumPath(env);
  const fonts = fontPackages.filter((pkg) => system.installed(pkg) === false);
  if (system.exists(executable)) {
    if (executable !== defaultChromiumPath || fonts.length === 0)
      return { ok: true, path: executable, installed: false, packages: [] };
    const apt = system.aptPrefix();
    const hint = `Emoji and CJK text need ${fonts.join(' ')}: run "sudo apt-get install -y ${fonts.join(' ')}".`;
    if (apt === null) {
      log(hint);
      return { ok: true, path: executable, installed: false, packages: [] };
    }
    const failed = aptInstall(system, apt, fonts, log);
    if (failed) log(`${failed} ${hint}`);
    return { ok: true, path: executable, installed: false, packages: failed ? [] : fonts };
  }
  if (executable !== defaultChromiumPath) {
    return { ok: false, reason: `MESSENGER_CHROMIUM=${executable} does not exist.` };
  }
  const packages = ['chromium', ...fonts];
  const apt = system.aptPrefix();
  if (apt === null) {
    return {
      ok: false,
      reason: `${defaultChromiumPath} is missing and installing it needs root: run "sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}".`,
    };
  }
  const failed = aptInstall(system, apt, packages, log);
  if (failed) return { ok: false, reason: failed };
  if (!system.exists(defaultChromiumPath))
    return { ok: false, reason: `apt-get finished but ${defaultChromiumPath} is still missing.` };
  return { ok: true, path: defaultChromiumPath, installed: true, packages };
}

/** apt-get update, then one install of `packages`; what failed, or null. */
function aptInstall(system: System, apt: string[], packages: string[], log: (line: string) => void): string | null {
  log(`Installing Debian's ${packages.join(', ')} with apt-get…`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    const status = system.run(apt[0] ?? 'apt-get', [...apt.slice(1), ...args]);
    if (status !== 0) return `apt-get ${args.join(' ')} failed (status ${status ?? 'killed'}).`;
  }
  return null;
}

const debianSystem: System = {
  exists: (file) => fs.existsSync(file),
  installed: (pkg) => {
    const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    if (query.error) return null;
    return query.status === 0 && query.stdout.trim().endsWith(' installed');
  },
  aptPrefix: () => {
    if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
    if (process.getuid?.() === 0) return ['apt-get'];
    if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n', 'apt-get'];
    return null;
  },
  run: (command, args) =>
    spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status,
};

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
