// The Chromium install: Debian's chromium and the emoji and CJK fonts in one apt-get run,
// fonts added later when only they are missing, and a clear reason when nothing can be installed.
import { describe, expect, it } from 'vitest';
import { defaultChromiumPath, ensureChromium, type System } from '../../../main/chromium/ensure-chromium.js';

interface Machine extends System {
  runs: string[];
  lines: string[];
  log(line: string): void;
}

/** A Debian machine where `present` packages are installed and apt-get installs what it is asked. */
function machine(present: string[], options: { root?: boolean; aptFails?: boolean; dpkg?: boolean } = {}): Machine {
  const installed = new Set(present);
  const runs: string[] = [];
  const lines: string[] = [];
  return {
    runs,
    lines,
    log: (line) => lines.push(line),
    exists: (file) => file === defaultChromiumPath && installed.has('chromium'),
    installed: (pkg) => (options.dpkg === false ? null : installed.has(pkg)),
    aptPrefix: () => (options.root === false ? null : ['apt-get']),
    run: (command, args) => {
      runs.push([command, ...args].join(' '));
      if (options.aptFails) return 100;
      if (args[0] === 'install') for (const pkg of args.slice(3)) installed.add(pkg);
      return 0;
    },
  };
}

const fonts = ['fonts-noto-color-emoji', 'fonts-noto-cjk'];

describe('ensureChromium', () => {
  it('installs chromium and the missing fonts in one apt-get run, and says which', () => {
    const m = machine(['fonts-noto-cjk']);
    expect(ensureChromium({}, m.log, m)).toEqual({
      ok: true,
      path: defaultChromiumPath,
      installed: true,
      packages: ['chromium', 'fonts-noto-color-emoji'],
    });
    expect(m.runs).toEqual([
      'apt-get update',
      'apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji',
    ]);
    expect(m.lines).toEqual(["Installing Debian's chromium, fonts-noto-color-emoji with apt-get…"]);
  });

  it('does nothing when chromium and the fonts are there', () => {
    const m = machine(['chromium', ...fonts]);
    expect(ensureChromium({}, m.log, m)).toMatchObject({ ok: true, installed: false, packages: [] });
    expect(m.runs).toEqual([]);
  });

  it('adds the fonts when only they are missing', () => {
    const m = machine(['chromium']);
    expect(ensureChromium({}, m.log, m)).toMatchObject({ ok: true, installed: false, packages: fonts });
    expect(m.runs).toEqual(['apt-get update', `apt-get install -y --no-install-recommends ${fonts.join(' ')}`]);
  });

  it('still starts when the fonts cannot be installed, and says how to add them', () => {
    for (const m of [machine(['chromium'], { aptFails: true }), machine(['chromium'], { root: false })]) {
      expect(ensureChromium({}, m.log, m)).toMatchObject({ ok: true, packages: [] });
      expect(m.lines.at(-1)).toContain(`sudo apt-get install -y ${fonts.join(' ')}`);
    }
  });

  it('leaves fonts alone where there is no dpkg, and a chosen Chromium alone', () => {
    const noDpkg = machine(['chromium'], { dpkg: false });
    expect(ensureChromium({}, noDpkg.log, noDpkg)).toMatchObject({ ok: true, packages: [] });
    const chosen = { ...machine([]), exists: () => true };
    expect(ensureChromium({ MESSENGER_CHROMIUM: '/opt/chrome' }, chosen.log, chosen)).toMatchObject({
      ok: true,
      path: '/opt/chrome',
    });
    expect([...noDpkg.runs, ...chosen.runs]).toEqual([]);
  });

  it('names every package to install when it cannot run apt-get', () => {
    const m = machine([], { root: false });
    const result = ensureChromium({}, m.log, m);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toContain(`sudo apt-get install -y chromium ${fonts.join(' ')}`);
  });

  it('fails with the apt-get step that failed when chromium cannot be installed', () => {
    const m = machine([], { aptFails: true });
    expect(ensureChromium({}, m.log, m)).toEqual({ ok: false, reason: 'apt-get update failed (status 100).' });
  });
});
