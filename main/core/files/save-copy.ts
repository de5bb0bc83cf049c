// Node runtime. Save as… without a native dialog (the Chromium shell): a copy in the user's
// Downloads folder under a name that overwrites nothing.
import { constants } from 'node:fs';
import { access, copyFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DesktopFiles } from '../bridge.js';
import { failure } from '../failure.js';
import { freeName } from './file-names.js';

/** Without a shell (tests, tools): Save as… copies into the Downloads folder; nothing can be opened. */
export const downloadsOnly: DesktopFiles = {
  openPath: async () => {
    throw failure('bad_request', 'Files cannot be opened here.');
  },
  saveAs: (file, name) => copyIntoFolder(file, downloadsFolder(), name),
};

/** `MESSENGER_DOWNLOADS_DIR` (tests), else ~/Downloads. */
export function downloadsFolder(env: NodeJS.ProcessEnv = process.env): string {
  return env.MESSENGER_DOWNLOADS_DIR || path.join(os.homedir(), 'Downloads');
}

export async function copyIntoFolder(file: string, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (;;) {
    const target = await freeName(dir, name, exists);
    try {
      // COPYFILE_EXCL: a file that appeared meanwhile is never overwritten; the next name is tried.
      await copyFile(file, target, constants.COPYFILE_EXCL);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
