// Electron main runtime. Open and Save as… for the core (core/bridge.ts DesktopFiles): the
// system's application through shell.openPath, and Electron's own save dialog.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow, Dialog, Shell } from 'electron';
import type { DesktopFiles } from '../core/bridge.js';
import { failure } from '../core/failure.js';

export function electronDesktopFiles(
  shell: Pick<Shell, 'openPath'>,
  dialog: Pick<Dialog, 'showSaveDialog'>,
  app: { getPath(name: 'downloads'): string },
  window: () => BrowserWindow | null,
): DesktopFiles {
  return {
    async openPath(file) {
      // openPath answers an error message, empty when the file was opened.
      const problem = await shell.openPath(file);
      if (problem) throw failure('not_found', `The file could not be opened: ${problem}`);
    },
    async saveAs(file, suggestedName) {
      const options = { defaultPath: path.join(app.getPath('downloads'), suggestedName) };
      const owner = window();
      const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      await copyFile(file, choice.filePath);
      return choice.filePath;
    },
  };
}
