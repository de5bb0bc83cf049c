// The Electron shell's hooks as the core and the renderer see them: features per platform,
// links through the core to the system's browser, and refused ones never reaching it.
import { describe, expect, it } from 'vitest';
import { electronShellHooks } from '../../../main/electron/shell-hooks.js';
import { TestCore } from '../../support/cores.js';

describe('electronShellHooks', () => {
  it.each([
    ['linux', false, true],
    ['linux', true, true],
    ['win32', true, true],
    ['win32', false, false],
    ['darwin', true, true],
    ['darwin', false, false],
  ])('on %s (packaged %s) start at login has an effect: %s', (platform, isPackaged, startAtLogin) => {
    const hooks = electronShellHooks({ platform, isPackaged, openOutside: async () => {} });
    expect(hooks.features).toEqual({ shell: 'electron', tray: false, startAtLogin, spellCheck: true, updates: false });
  });

  it('a core opened with them tells the renderer its features and opens checked links outside', async () => {
    const opened: string[] = [];
    const hooks = electronShellHooks({
      platform: 'linux',
      isPackaged: false,
      openOutside: async (url) => void opened.push(url),
    });
    const core = await TestCore.open(undefined, undefined, { shell: hooks });
    try {
      // The tray came up after the core opened: the next snapshot says so.
      hooks.features.tray = true;
      expect((await core.call('snapshot')).desktop).toMatchObject({ shell: 'electron', tray: true, spellCheck: true });
      await core.call('openLink', { url: 'https://example.com/a b' });
      await core.call('openLink', { url: 'mailto:bob@example.com' });
      await expect(core.call('openLink', { url: 'file:///etc/passwd' })).rejects.toMatchObject({ code: 'bad_request' });
      await expect(core.call('openLink', { url: 'javascript:alert(1)' })).rejects.toMatchObject({
        code: 'bad_request',
      });
      expect(opened).toEqual(['https://example.com/a%20b', 'mailto:bob@example.com']);
    } finally {
      await core.close();
    }
  });
});
