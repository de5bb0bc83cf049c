// Node runtime. What `npm start` decides before anything is launched, with every probe
// injected so the decisions are tested without servers or Electron.
import type { ServerHandle } from './bundled-server.js';

export type ShellChoice = { kind: 'electron'; binary: string } | { kind: 'chromium' };

export interface LaunchProbes {
  isServerUp(url: string): Promise<boolean>;
  isLoopback(url: string): boolean;
  startServer(url: string): Promise<ServerHandle>;
  findElectron(): string | null;
  installElectron(): Promise<boolean>;
  /** MESSENGER_SHELL=chromium skips Electron even when it is installed. */
  forceChromium: boolean;
  say(line: string): void;
}

/** Starts the bundled server only when nothing answers at `url` and it is on this machine. */
export async function chooseServer(url: string, probes: LaunchProbes): Promise<ServerHandle | null> {
  if (await probes.isServerUp(url)) return null;
  if (!probes.isLoopback(url)) {
    probes.say(`No server answers at ${url}; the app keeps trying to reach it.`);
    return null;
  }
  return probes.startServer(url);
}

/** Electron if its binary is there or one install attempt gets it; otherwise the Chromium shell. */
export async function chooseShell(probes: LaunchProbes): Promise<ShellChoice> {
  if (probes.forceChromium) return { kind: 'chromium' };
  const found = probes.findElectron();
  if (found) return { kind: 'electron', binary: found };
  const installed = (await probes.installElectron()) ? probes.findElectron() : null;
  if (installed) return { kind: 'electron', binary: installed };
  probes.say("Electron's binary is missing and could not be downloaded: starting the Chromium shell instead.");
  return { kind: 'chromium' };
}
