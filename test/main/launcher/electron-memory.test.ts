// A failed Electron download is remembered on disk, so the launches after it never run the
// download (the network wait) again within the day: the launcher's real probes, with an
// Electron package whose install script fails and counts its runs.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronDownloadFile, electronShellProbes } from '../../../main/launcher/electron-binary.js';
import { chooseShell } from '../../../main/launcher/plan.js';
import { tempDir } from '../../support/server.js';

describe('a failed Electron download, across launches', () => {
  let root = '';
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function launch(retryElectron = false) {
    const said: string[] = [];
    const probes = electronShellProbes({
      electronDir: path.join(root, 'electron'),
      dataDir: path.join(root, 'data'),
      forceChromium: false,
      retryElectron,
      installTimeoutMs: 20_000,
      say: (line) => said.push(line),
    });
    return chooseShell(probes).then((shell) => ({ shell, said }));
  }
  const downloads = () => fs.readFileSync(path.join(root, 'downloads'), 'utf8').length;

  it('is tried once, then not again on the next launches until --retry-electron', async () => {
    root = tempDir();
    fs.mkdirSync(path.join(root, 'electron'));
    // Stands in for Electron's install.js failing to download: one character per run.
    fs.writeFileSync(
      path.join(root, 'electron', 'install.js'),
      `require('node:fs').appendFileSync(${JSON.stringify(path.join(root, 'downloads'))}, 'x'); process.exit(1);`,
    );
    fs.writeFileSync(path.join(root, 'electron', 'package.json'), '{"type":"commonjs"}');

    const first = await launch();
    expect(first.shell).toEqual({ kind: 'chromium' });
    expect(downloads()).toBe(1);
    expect(fs.existsSync(electronDownloadFile(path.join(root, 'data')))).toBe(true);

    for (let i = 0; i < 2; i += 1) {
      const later = await launch();
      expect(later.shell).toEqual({ kind: 'chromium' });
      expect(later.said).toEqual([
        expect.stringMatching(/^Electron could not be downloaded on .* UTC; using the Chromium shell/),
      ]);
    }
    expect(downloads()).toBe(1);

    await launch(true);
    expect(downloads()).toBe(2);
  });
});
