// Node runtime. What `npm start` decides before anything is launched, pure or with every
// probe injected, so the decisions are tested without servers or Electron.
import type { ServerLock } from './server-lock.js';

export type ShellChoice = { kind: 'electron'; binary: string } | { kind: 'chromium' };

/**
 * - `reuse`: the bundled server of this data dir answers (or is starting) at this URL;
 * - `start`: nothing answers on this machine: start the bundled server;
 * - `foreign`: a server nobody here started answers: use it, never stop it;
 * - `remote`: nothing answers on another machine: the app keeps trying to reach it;
 * - `elsewhere`: this data dir's bundled server runs at another URL (one server per data dir).
 */
export type ServerDecision = 'reuse' | 'start' | 'foreign' | 'remote' | 'elsewhere';

export interface ServerFacts {
  url: string;
  /** The bundled server's lock, only when its process is alive. */
  lock: ServerLock | null;
  answering: boolean;
  loopback: boolean;
}

export function decideServer({ url, lock, answering, loopback }: ServerFacts): ServerDecision {
  if (lock) return lock.url === url ? 'reuse' : answering ? 'foreign' : 'elsewhere';
  if (answering) return 'foreign';
  return loopback ? 'start' : 'remote';
}

/** After an app drops its lease: the last one out stops the bundled server, if it still runs. */
export function decideRelease(liveLeases: number, serverAlive: boolean): 'stop' | 'keep' {
  return liveLeases === 0 && serverAlive ? 'stop' : 'keep';
}

export interface ShellProbes {
  findElectron: () => string | null;
  installElectron: () => Promise<boolean>;
  /** MESSENGER_SHELL=chromium skips Electron even when it is installed. */
  forceChromium: boolean;
  /** `--retry-electron`: try the download even if one failed within the day. */
  retryElectron: boolean;
  /** When the last download failed (remembered across starts), or null. */
  lastFailedDownload: () => Date | null;
  rememberFailedDownload: (failedAt: Date) => void;
  forgetFailedDownload: () => void;
  now: () => Date;
  say: (line: string) => void;
}

/** A failed Electron download is tried again at most once a day unless asked (`--retry-electron`). */
export const electronRetryMs = 24 * 60 * 60 * 1000;

function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Electron if its binary is there or one install attempt gets it; otherwise the Chromium shell.
 * A failed attempt is remembered, so the next starts within a day do not wait on it again.
 */
export async function chooseShell(probes: ShellProbes): Promise<ShellChoice> {
  if (probes.forceChromium) return { kind: 'chromium' };
  const found = probes.findElectron();
  if (found) return { kind: 'electron', binary: found };
  const failedAt = probes.lastFailedDownload();
  const now = probes.now();
  if (!probes.retryElectron && failedAt && now.getTime() - failedAt.getTime() < electronRetryMs) {
    probes.say(
      `Electron could not be downloaded on ${when(failedAt)}; using the Chromium shell. \`npm start -- --retry-electron\` tries again.`,
    );
    return { kind: 'chromium' };
  }
  const installed = (await probes.installElectron()) ? probes.findElectron() : null;
  if (installed) {
    probes.forgetFailedDownload();
    return { kind: 'electron', binary: installed };
  }
  probes.rememberFailedDownload(now);
  probes.say(
    "Electron's binary is missing and could not be downloaded: starting the Chromium shell instead. The next starts use it without trying again for a day; `npm start -- --retry-electron` tries at once.",
  );
  return { kind: 'chromium' };
}

/** The one line `npm start` prints when the app ended badly; null when it exited 0. */
export function appExitReason(code: number | null, signal: string | null, log: string): string | null {
  if (code !== null) return code === 0 ? null : `The app exited with status ${code}; see ${log}.`;
  return signal ? `The app was ended by ${signal}; see ${log}.` : null;
}
