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
  findElectron(): string | null;
  installElectron(): Promise<boolean>;
  /** MESSENGER_SHELL=chromium skips Electron even when it is installed. */
  forceChromium: boolean;
  say(line: string): void;
}

/** Electron if its binary is there or one install attempt gets it; otherwise the Chromium shell. */
export async function chooseShell(probes: ShellProbes): Promise<ShellChoice> {
  if (probes.forceChromium) return { kind: 'chromium' };
  const found = probes.findElectron();
  if (found) return { kind: 'electron', binary: found };
  const installed = (await probes.installElectron()) ? probes.findElectron() : null;
  if (installed) return { kind: 'electron', binary: installed };
  probes.say("Electron's binary is missing and could not be downloaded: starting the Chromium shell instead.");
  return { kind: 'chromium' };
}
