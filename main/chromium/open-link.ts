// Node runtime. Links from messages open in the system's browser (or mail app): the Chromium
// shell's window is an app window and never navigates away from the renderer.
import { spawn as nodeSpawn } from 'node:child_process';
import type { ShellHooks } from '../core/shell/shell-state.js';
import { failure } from '../core/failure.js';
import type { DesktopFeatures } from '../ipc/desktop-contract.js';

/** No tray, login item, spell-check menu or self-update here: Settings hides them. */
export const chromiumFeatures: DesktopFeatures = {
  shell: 'chromium',
  tray: false,
  startAtLogin: false,
  spellCheck: false,
  updates: false,
};

/**
 * The command that hands a link to the default browser. On Windows it is explorer, not
 * `cmd /c start`: cmd would read the `&` of a query string as a command separator.
 */
export function linkOpenerCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'explorer.exe', args: [url] };
  return { command: 'xdg-open', args: [url] };
}

export type Spawn = typeof nodeSpawn;

/** Opens a link the core checked (http, https, mailto) without waiting for the browser. */
export function systemLinkOpener(
  platform: NodeJS.Platform = process.platform,
  spawn: Spawn = nodeSpawn,
): ShellHooks['openLink'] {
  return (url) =>
    new Promise((resolve, reject) => {
      const { command, args } = linkOpenerCommand(platform, url);
      // No shell: the URL is one argument, never parsed as a command line.
      const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true, shell: false });
      child.once('error', (error) =>
        reject(failure('not_found', `No browser to open the link was found (${command}).`, { cause: error })),
      );
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
}

export function chromiumShellHooks(platform: NodeJS.Platform = process.platform, spawn: Spawn = nodeSpawn): ShellHooks {
  return { features: chromiumFeatures, openLink: systemLinkOpener(platform, spawn) };
}
