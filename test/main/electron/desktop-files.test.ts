// Electron's Open and Save as… for the core, with Electron's shell and dialog as fakes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronDesktopFiles } from '../../../main/electron/desktop-files.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desktop-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function pieces(choice: { canceled: boolean; filePath?: string }, openProblem = '') {
  const asked: string[] = [];
  const opened: string[] = [];
  const files = electronDesktopFiles(
    { openPath: async (file) => (opened.push(file), openProblem) },
    {
      showSaveDialog: (async (...args: unknown[]) => (
        asked.push((args.at(-1) as { defaultPath: string }).defaultPath),
        choice
      )) as any,
    },
    { getPath: () => path.join(dir, 'Downloads') },
    () => null,
  );
  return { files, asked, opened };
}

describe('Electron desktop files', () => {
  it('saves a copy where the user chose, offering Downloads and the file name first', async () => {
    const source = path.join(dir, 'cached');
    fs.writeFileSync(source, 'bytes');
    const target = path.join(dir, 'chosen.pdf');
    const { files, asked } = pieces({ canceled: false, filePath: target });
    expect(await files.saveAs(source, 'report.pdf')).toBe(target);
    expect(asked).toEqual([path.join(dir, 'Downloads', 'report.pdf')]);
    expect(fs.readFileSync(target, 'utf8')).toBe('bytes');
  });

  it('answers null when the user cancels, and copies nothing', async () => {
    const { files } = pieces({ canceled: true });
    expect(await files.saveAs(path.join(dir, 'cached'), 'report.pdf')).toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('opens through shell.openPath and reports its error message as a failure', async () => {
    const ok = pieces({ canceled: true });
    await ok.files.openPath('/p/a.pdf');
    expect(ok.opened).toEqual(['/p/a.pdf']);
    const broken = pieces({ canceled: true }, 'No application is associated');
    await expect(broken.files.openPath('/p/a.pdf')).rejects.toMatchObject({ failure: { code: 'not_found' } });
  });
});
