// "Start at login" reaches the OS where Electron supports it, and only in a packaged app.
import { describe, expect, it } from 'vitest';
import { StartAtLogin, supportsStartAtLogin } from '../../../../main/electron/desktop/start-at-login.js';

function loginItemOn(platform: string, isPackaged = true) {
  const applied: Array<{ openAtLogin: boolean }> = [];
  const item = new StartAtLogin({ platform, isPackaged, setLoginItemSettings: (settings) => applied.push(settings) });
  return { item, applied };
}

describe('StartAtLogin', () => {
  it.each(['darwin', 'win32'])('on %s applies the setting, and again only when it changes', (platform) => {
    const { item, applied } = loginItemOn(platform);
    item.apply(false);
    item.apply(true);
    item.apply(true);
    item.apply(false);
    expect(applied).toEqual([{ openAtLogin: false }, { openAtLogin: true }, { openAtLogin: false }]);
  });

  it('does nothing on Linux, where Electron has no login items', () => {
    const { item, applied } = loginItemOn('linux');
    item.apply(true);
    expect(applied).toEqual([]);
    expect(supportsStartAtLogin('linux')).toBe(false);
  });

  it('does nothing in development, where it would register the bare Electron binary', () => {
    const { item, applied } = loginItemOn('win32', false);
    item.apply(true);
    expect(applied).toEqual([]);
  });
});
