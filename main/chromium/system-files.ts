// Node runtime. Open and Save as… for the core in the Chromium shell, which has no native
// dialogs: the system's opener (xdg-open, open, start) and a copy into the Downloads folder.
import { spawn } from 'node:child_process';
import type { DesktopFiles } from '../core/bridge.js';
import { failure } from '../core/failure.js';
import { copyIntoFolder, downloadsFolder } from '../core/files/save-copy.js';

/** The command that opens a file with its application on this platform. */
export function openerCommand(platform: NodeJS.Platform, file: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [file] };
  // `start`'s first quoted argument is the window title: an empty one, so the file is not taken for it.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', file] };
  return { command: 'xdg-open', args: [file] };
}

export function systemDesktopFiles(platform: NodeJS.Platform = process.platform): DesktopFiles {
  return {
    openPath: (file) =>
      new Promise((resolve, reject) => {
        const { command, args } = openerCommand(platform, file);
        const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
        child.once('error', (error) =>
          reject(failure('not_found', `No application to open the file was found (${command}).`, { cause: error })),
        );
        child.once('spawn', () => {
          // The opener runs on its own; the app does not wait for the application it starts.
          child.unref();
          resolve();
        });
      }),
    saveAs: (file, suggestedName) => copyIntoFolder(file, downloadsFolder(), suggestedName),
  };
}
