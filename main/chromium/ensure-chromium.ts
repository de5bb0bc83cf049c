// Node runtime. Makes sure Debian's Chromium is installed: the Chromium shell and its tests
// drive it, and Playwright's own browser download cannot work without general internet.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const defaultChromiumPath = '/usr/bin/chromium';

/** The Chromium executable: env MESSENGER_CHROMIUM, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MESSENGER_CHROMIUM || defaultChromiumPath;
}

export type EnsureResult = { ok: true; path: string; installed: boolean } | { ok: false; reason: string };

/** Installs Debian's `chromium` with apt-get when the executable is missing. */
export function ensureChromium(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = say): EnsureResult {
  const executable = chromiumPath(env);
  if (fs.existsSync(executable)) return { ok: true, path: executable, installed: false };
  if (executable !== defaultChromiumPath) {
    return { ok: false, reason: `MESSENGER_CHROMIUM=${executable} does not exist.` };
  }
  const sudo = aptPrefix();
  if (sudo === null) {
    return {
      ok: false,
      reason: `${defaultChromiumPath} is missing and installing it needs root: run "sudo apt-get update && sudo apt-get install -y chromium".`,
    };
  }
  log(`${defaultChromiumPath} is missing: installing Debian's chromium with apt-get…`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const run = spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...args], { stdio: 'inherit', env: aptEnv });
    if (run.status !== 0)
      return { ok: false, reason: `apt-get ${args.join(' ')} failed (status ${run.status ?? run.signal}).` };
  }
  if (!fs.existsSync(defaultChromiumPath))
    return { ok: false, reason: `apt-get finished but ${defaultChromiumPath} is still missing.` };
  return { ok: true, path: defaultChromiumPath, installed: true };
}

/** How to run apt-get: directly as root, through passwordless sudo, or not at all. */
function aptPrefix(): string[] | null {
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  if (process.getuid?.() === 0) return ['apt-get'];
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n', 'apt-get'];
  return null;
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = ensureChromium();
  if (!result.ok) {
    say(`Chromium is not available: ${result.reason}`);
    process.exit(1);
  }
}
