// The Chromium shell's window opens where it was: the place is read from the profile's
// window.json (a bad file is logged and ignored), kept within sane limits, and saved on close.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromiumShell } from '../../../main/chromium/chromium-shell.js';
import {
  defaultWindowPlace,
  readWindowPlace,
  saneWindowPlace,
  windowPlaceFile,
} from '../../../main/chromium/window-place.js';
import { createLogger } from '../../../main/core/log/logger.js';
import { FakeBridge } from './fake-bridge.js';
import { buildRenderer } from './renderer-build.js';

function recordingLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger((line) => lines.push(line), { level: 'debug' }), lines };
}

const temporaryDirs: string[] = [];
function profileDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-window-'));
  temporaryDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the saved window place', () => {
  it('is the default 1024×760 when nothing was saved', () => {
    const { logger, lines } = recordingLogger();
    expect(readWindowPlace(windowPlaceFile(profileDir()), logger)).toEqual({ width: 1024, height: 760 });
    expect(lines).toEqual([]);
  });

  it('ignores a corrupt or wrong-shaped file, with a log line', () => {
    for (const text of ['{not json', '{"width":"wide","height":600}', '[]']) {
      const file = windowPlaceFile(profileDir());
      fs.writeFileSync(file, text);
      const { logger, lines } = recordingLogger();
      expect(readWindowPlace(file, logger)).toEqual(defaultWindowPlace);
      expect(lines).toEqual([expect.stringContaining(`${file} is not a window place`)]);
    }
  });

  it('is kept between 800×600 and four 4K screens, on screen', () => {
    expect(saneWindowPlace({ width: 10, height: 10 })).toEqual({ width: 800, height: 600 });
    expect(saneWindowPlace({ width: 99_999, height: 99_999, left: -99_999, top: 99_999 })).toEqual({
      width: 15_360,
      height: 8640,
      left: -15_360,
      top: 8640,
    });
    // A position needs both coordinates.
    expect(saneWindowPlace({ width: 900, height: 700, left: 5 })).toEqual({ width: 900, height: 700 });
  });
});

describe('the Chromium shell window', () => {
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = await buildRenderer();
  });

  afterAll(() => {
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it('opens at the saved place and saves where it is when it closes', async () => {
    const dir = profileDir();
    fs.writeFileSync(windowPlaceFile(dir), JSON.stringify({ width: 900, height: 700, left: 30, top: 40 }));
    const shell = await openChromiumShell({ bridge: new FakeBridge(), rendererDir, headless: true, profileDir: dir });
    const cdp = await shell.page.context().newCDPSession(shell.page);
    const { windowId, bounds } = await cdp.send('Browser.getWindowForTarget');
    expect(bounds).toMatchObject({ width: 900, height: 700, left: 30, top: 40 });
    // The page fills the window: no emulated viewport.
    expect(await shell.page.evaluate(() => [(globalThis as any).innerWidth, (globalThis as any).innerHeight])).toEqual([
      900, 700,
    ]);

    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { width: 1100, height: 800, left: 60, top: 70 } });
    await shell.close();
    expect(JSON.parse(fs.readFileSync(windowPlaceFile(dir), 'utf8'))).toEqual({
      width: 1100,
      height: 800,
      left: 60,
      top: 70,
    });
    // Chromium's own data stays in the profile too.
    expect(fs.existsSync(path.join(dir, 'chromium'))).toBe(true);
  });
});
