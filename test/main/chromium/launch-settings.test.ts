// Chromium runs sandboxed unless this process is root, where its sandbox refuses to start.
import { describe, expect, it } from 'vitest';
import { chromiumFlags, launchSettings } from '../../../main/chromium/chromium-shell.js';

describe('launchSettings', () => {
  it('keeps the sandbox for a normal user', () => {
    expect(launchSettings(false, 1000)).toMatchObject({ chromiumSandbox: true });
    expect(launchSettings(false, 1000).args).not.toContain('--no-sandbox');
  });

  it('keeps the sandbox where there is no uid (Windows)', () => {
    expect(launchSettings(true, null)).toMatchObject({ chromiumSandbox: true });
  });

  it('turns the sandbox off only for root', () => {
    expect(launchSettings(true, 0)).toMatchObject({ chromiumSandbox: false });
  });

  it('sizes the window only when there is one', () => {
    expect(launchSettings(true, 1000).args).toEqual(chromiumFlags);
    expect(launchSettings(false, 1000).args).toEqual([...chromiumFlags, '--window-size=1024,760']);
  });
});
