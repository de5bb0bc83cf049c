// Node runtime. Whether Electron's binary is present, and one attempt to fetch it: npm
// skips Electron's install script (allowScripts), so a fresh clone has the package only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ShellProbes } from './plan.js';

/** The binary named by node_modules/electron/path.txt, if it was downloaded. */
export function findElectron(electronDir: string): string | null {
  try {
    const relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const binary = path.join(electronDir, 'dist', relative);
    return relative && fs.statSync(binary).isFile() ? binary : null;
  } catch {
    // No path.txt or no binary: Electron was not downloaded, which is what was asked.
    return null;
  }
}

/** Runs Electron's own install script once; its output is dropped (the caller says one line). */
export function installElectron(electronDir: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], {
      cwd: electronDir,
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 && findElectron(electronDir) !== null);
    });
  });
}

/** `<dataDir>/electron-download.json`: when the last attempt to fetch Electron failed. */
export function electronDownloadFile(dataDir: string): string {
  return path.join(dataDir, 'electron-download.json');
}

/** When the last download failed, or null when none did (or the file is not ours). */
export function lastFailedDownload(file: string): Date | null {
  try {
    const { failedAt } = JSON.parse(fs.readFileSync(file, 'utf8')) as { failedAt?: unknown };
    const date = typeof failedAt === 'string' ? new Date(failedAt) : null;
    return date && !Number.isNaN(date.getTime()) ? date : null;
  } catch {
    // No file, or not JSON: no failure remembered, so the next start tries again.
    return null;
  }
}

export function rememberFailedDownload(file: string, failedAt: Date): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify({ failedAt: failedAt.toISOString() })}\n`, { mode: 0o600 });
}

export function forgetFailedDownload(file: string): void {
  fs.rmSync(file, { force: true });
}

/**
 * The real probes chooseShell() takes: Electron in `electronDir`, one install attempt of at most
 * `installTimeoutMs`, and the failure remembered in `<dataDir>/electron-download.json`.
 */
export function electronShellProbes(options: {
  electronDir: string;
  dataDir: string;
  forceChromium: boolean;
  retryElectron: boolean;
  installTimeoutMs: number;
  say: (line: string) => void;
}): ShellProbes {
  const downloadFile = electronDownloadFile(options.dataDir);
  return {
    findElectron: () => findElectron(options.electronDir),
    installElectron: () => installElectron(options.electronDir, options.installTimeoutMs),
    forceChromium: options.forceChromium,
    retryElectron: options.retryElectron,
    lastFailedDownload: () => lastFailedDownload(downloadFile),
    rememberFailedDownload: (failedAt) => rememberFailedDownload(downloadFile, failedAt),
    forgetFailedDownload: () => forgetFailedDownload(downloadFile),
    now: () => new Date(),
    say: options.say,
  };
}
