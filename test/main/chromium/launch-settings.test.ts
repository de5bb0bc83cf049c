// Chromium runs sandboxed unless this process is root, where its sandbox refuses to start,
// and opens the renderer as an app window at the window's saved place.
import { describe, expect, it } from 'vitest';
import { chromiumFlags, launchSettings } from '../../../main/chromium/chromium-shell.js';
import { rendererUrl } from '../../../main/chromium/renderer-origin.js';

describe('launchSettings', () => {
  it('keeps the sandbox for a normal user', () => {
    expect(launchSettings(false, undefined, 1000)).toMatchObject({ chromiumSandbox: true });
    expect(launchSettings(false, undefined, 1000).args).not.toContain('--no-sandbox');
  });

  it('keeps the sandbox where there is no uid (Windows)', () => {
    expect(launchSettings(true, undefined, null)).toMatchObject({ chromiumSandbox: true });
  });

  it('turns the sandbox off only for root', () => {
    expect(launchSettings(true, undefined, 0)).toMatchObject({ chromiumSandbox: false });
  });

  it('opens an app window on the renderer, named for the window manager, at the default size', () => {
    expect(launchSettings(false, undefined, 1000).args).toEqual([
      ...chromiumFlags,
      `--app=${rendererUrl}`,
      '--class=messenger',
      '--window-size=1024,760',
    ]);
  });

  it('opens the window where it was', () => {
    const args = launchSettings(false, { width: 1200, height: 900, left: -30, top: 40, maximized: true }, 1000).args;
    expect(args).toContain('--window-size=1200,900');
    expect(args).toContain('--window-position=-30,40');
    expect(args).toContain('--start-maximized');
  });
});
