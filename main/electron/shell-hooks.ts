// Electron main runtime, no electron import: what the Electron shell lends the core
// (core/shell/shell-state.ts): its features, and links opened with the system's browser.
import type { ShellHooks } from '../core/shell/shell-state.js';
import type { DesktopFeatures } from '../ipc/desktop-contract.js';
import { supportsStartAtLogin } from './desktop/start-at-login.js';

export interface ElectronShell {
  platform: string;
  isPackaged: boolean;
  /** window.ts openExternalLink: the one way to the system browser. */
  openOutside(url: string): Promise<void>;
}

/** The hooks, with `features` kept as one object the shell fills in as it learns (the tray, once made). */
export function electronShellHooks(electron: ElectronShell): ShellHooks & { features: DesktopFeatures } {
  return {
    features: {
      shell: 'electron',
      // Set once the tray exists: a Linux desktop without a tray area has none.
      tray: false,
      startAtLogin: supportsStartAtLogin(electron.platform, electron.isPackaged),
      spellCheck: true,
      updates: false,
    },
    // The core has checked the link (http, https or mailto) before it gets here.
    openLink: (url) => electron.openOutside(url),
  };
}
