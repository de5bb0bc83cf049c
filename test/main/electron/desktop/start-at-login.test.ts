// "Start at login" reaches the OS: login items on Windows and macOS (packaged only), an XDG
// autostart entry on Linux, written into a real folder and read back as a desktop would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  autostartCommand,
  autostartFile,
  desktopEntryText,
  execArgument,
  type AutostartEntry,
} from '../../../../main/electron/desktop/autostart-entry.js';
import { StartAtLogin, supportsStartAtLogin } from '../../../../main/electron/desktop/start-at-login.js';

function loginItemOn(platform: string, isPackaged = true, autostart?: AutostartEntry) {
  const applied: Array<{ openAtLogin: boolean }> = [];
  const failures: unknown[] = [];
  const item = new StartAtLogin({
    platform,
    isPackaged,
    setLoginItemSettings: (settings) => applied.push(settings),
    autostart,
    failed: (error) => failures.push(error),
  });
  return { item, applied, failures };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-autostart-'));
  dirs.push(dir);
  return dir;
}

describe('StartAtLogin on Windows and macOS', () => {
  it.each(['darwin', 'win32'])('on %s applies the setting, and again only when it changes', async (platform) => {
    const { item, applied } = loginItemOn(platform);
    await item.apply(false);
    await item.apply(true);
    await item.apply(true);
    await item.apply(false);
    expect(applied).toEqual([{ openAtLogin: false }, { openAtLogin: true }, { openAtLogin: false }]);
  });

  it('does nothing in development, where it would register the bare Electron binary', async () => {
    const { item, applied } = loginItemOn('win32', false);
    await item.apply(true);
    expect(applied).toEqual([]);
  });

  it.each([
    ['win32', true, true],
    ['darwin', true, true],
    ['win32', false, false],
    ['darwin', false, false],
    ['linux', false, true],
    ['linux', true, true],
    ['freebsd', true, false],
  ])('has an effect on %s (packaged %s): %s', (platform, isPackaged, expected) => {
    expect(supportsStartAtLogin(platform, isPackaged)).toBe(expected);
  });
});

describe('StartAtLogin on Linux: the autostart entry', () => {
  function entryIn(dir: string): AutostartEntry {
    return {
      file: path.join(dir, 'autostart', 'messenger-bob.desktop'),
      command: ['/opt/Messenger/messenger', '--profile', 'bob'],
      name: 'Messenger (bob)',
      icon: 'messenger',
    };
  }

  it('is written when turned on, and removed when turned off, leaving nothing else behind', async () => {
    const dir = tempDir();
    const entry = entryIn(dir);
    const { item, applied, failures } = loginItemOn('linux', true, entry);
    await item.apply(true);
    expect(fs.readFileSync(entry.file, 'utf8')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Messenger (bob)',
        'Icon=messenger',
        'Exec=/opt/Messenger/messenger --profile bob',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
    expect(fs.readdirSync(path.dirname(entry.file))).toEqual(['messenger-bob.desktop']);
    await item.apply(false);
    expect(fs.existsSync(entry.file)).toBe(false);
    expect(applied).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('a quick on, off, on ends with the entry there', async () => {
    const entry = entryIn(tempDir());
    const { item } = loginItemOn('linux', false, entry);
    void item.apply(true);
    void item.apply(false);
    await item.apply(true);
    expect(fs.existsSync(entry.file)).toBe(true);
  });

  it('a folder it cannot write is logged, and the next change tries again', async () => {
    const dir = tempDir();
    const entry = entryIn(dir);
    // A file where the autostart folder should be.
    fs.writeFileSync(path.join(dir, 'autostart'), 'not a folder');
    const { item, failures } = loginItemOn('linux', true, entry);
    await item.apply(true);
    expect(failures).toHaveLength(1);
    fs.rmSync(path.join(dir, 'autostart'));
    await item.apply(true);
    expect(fs.existsSync(entry.file)).toBe(true);
  });

  it('lives in $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when that is unset or relative', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/x/config' }, '/home/bob', 'work')).toBe(
      '/x/config/autostart/messenger-work.desktop',
    );
    expect(autostartFile({}, '/home/bob', 'default')).toBe('/home/bob/.config/autostart/messenger-default.desktop');
    expect(autostartFile({ XDG_CONFIG_HOME: 'relative' }, '/home/bob', 'a')).toBe(
      '/home/bob/.config/autostart/messenger-a.desktop',
    );
  });
});

describe('the Exec line, quoted as the Desktop Entry spec says', () => {
  it.each([
    ['/usr/bin/messenger', '/usr/bin/messenger'],
    ['/home/bob/My Apps/Messenger.AppImage', '"/home/bob/My Apps/Messenger.AppImage"'],
    ['a"b', '"a\\"b"'],
    ['cost$HOME', '"cost\\$HOME"'],
    ['back`tick', '"back\\`tick"'],
    ['C:\\x', '"C:\\\\x"'],
    ['100%', '100%%'],
    ['', '""'],
  ])('%s → %s', (argument, expected) => {
    expect(execArgument(argument)).toBe(expected);
  });

  it('escapes the quoted backslash again as a string value of the file', () => {
    const text = desktopEntryText({ command: ['/a b/c\\d'], name: 'M', icon: 'm' });
    // Exec value "/a b/c\\d" in the spec's quoting, each backslash doubled by the file's escaping.
    expect(text).toContain('Exec="/a b/c\\\\\\\\d"\n');
  });
});

describe('the command the entry starts', () => {
  const base = { execPath: '/opt/Messenger/messenger', profile: 'bob', serverUrl: 'http://chat:4860', dataDir: null };

  it('a packaged app starts its own binary with the profile and server', () => {
    expect(autostartCommand({ ...base, isPackaged: true })).toEqual([
      '/opt/Messenger/messenger',
      '--profile',
      'bob',
      '--server',
      'http://chat:4860',
    ]);
  });

  it('an AppImage starts the AppImage file, not its temporary mount', () => {
    const command = autostartCommand({ ...base, isPackaged: true, appImage: '/home/bob/Messenger.AppImage' });
    expect(command[0]).toBe('/home/bob/Messenger.AppImage');
  });

  it('development starts Electron on the built main script, with the data folder', () => {
    expect(
      autostartCommand({
        ...base,
        isPackaged: false,
        execPath: '/repo/node_modules/electron/dist/electron',
        script: '/repo/out/main/main.js',
        dataDir: '/home/bob/.messenger',
      }),
    ).toEqual([
      '/repo/node_modules/electron/dist/electron',
      '/repo/out/main/main.js',
      '--profile',
      'bob',
      '--server',
      'http://chat:4860',
      '--data-dir',
      '/home/bob/.messenger',
    ]);
  });
});
