// electron-builder.yml against electron-builder's own JSON schema, so a typo or a wrong type
// fails here rather than on the online machine that builds the installers; and the packaging
// choices users depend on (targets, per-user install, hardened runtime, fuses).
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, schemaErrors, type BuilderConfig } from './builder-config.js';

const config = loadBuilderConfig();

/** A deep copy with one change, so every negative case starts from the real file. */
function mutated(change: (copy: BuilderConfig) => void): BuilderConfig {
  const copy = structuredClone(config);
  change(copy);
  return copy;
}

function describeErrors(errors: ReturnType<typeof schemaErrors>): string {
  return errors
    .map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`)
    .join('\n');
}

describe('electron-builder.yml against the schema electron-builder ships', () => {
  it('is valid', () => {
    const errors = schemaErrors(config);
    expect(errors, describeErrors(errors)).toEqual([]);
  });

  it.each<[string, (copy: BuilderConfig) => void, string, string]>([
    ['an unknown top-level key', (copy) => (copy.filez = ['out/**']), '', 'additionalProperties'],
    ['a misspelt option inside nsis', (copy) => (copy.nsis.oneclick = true), '/nsis', 'additionalProperties'],
    [
      'an unknown fuse',
      (copy) => (copy.electronFuses.runAsNodeTwice = false),
      '/electronFuses',
      'additionalProperties',
    ],
    [
      'a target with an unknown key',
      (copy) => (copy.win.target[0].archs = ['x64']),
      '/win/target/0',
      'additionalProperties',
    ],
    ['asar as a word', (copy) => (copy.asar = 'yes'), '/asar', 'type'],
    ['a number for appId', (copy) => (copy.appId = 42), '/appId', 'type'],
    ['a string for hardenedRuntime', (copy) => (copy.mac.hardenedRuntime = 'true'), '/mac/hardenedRuntime', 'type'],
    ['a mapping for files', (copy) => (copy.files = { include: 'out/**' }), '/files', 'type'],
    ['directories as a list', (copy) => (copy.directories = ['dist']), '/directories', 'type'],
  ])('rejects %s', (_label, change, pointer, keyword) => {
    const errors = schemaErrors(mutated(change));
    expect(
      errors.some((error) => error.instancePath === pointer && error.keyword === keyword),
      describeErrors(errors),
    ).toBe(true);
  });
});

describe('packaging choices', () => {
  it('names the app and keeps its code in an asar archive', () => {
    expect(config).toMatchObject({ appId: 'org.messenger.desktop', productName: 'Messenger', asar: true });
    expect(config.copyright).toMatch(/^Copyright © \d{4} /);
    expect(config.extraMetadata.main).toBe('out/main/main.js');
  });

  it('builds AppImage and deb for Linux, with what a deb needs', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toMatch(/^Network;InstantMessaging/);
    expect(config.linux.maintainer).toMatch(/<[^@\s>]+@[^@\s>]+>$/);
    // electron-builder refuses a deb without a homepage in the (packaged) package.json.
    expect(config.extraMetadata.homepage).toMatch(/^https:\/\//);
    expect(config.extraMetadata.desktopName).toBe(`${config.linux.executableName}.desktop`);
    expect(config.linux.syncDesktopName).toBe(true);
  });

  it('builds a one-click NSIS installer that installs for the current user only', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, deleteAppDataOnUninstall: false });
  });

  it('builds one universal dmg for Macs (and the zip electron-updater installs) with the hardened runtime', () => {
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['universal'] },
      { target: 'zip', arch: ['universal'] },
    ]);
    expect(config.mac).toMatchObject({ category: 'public.app-category.social-networking', hardenedRuntime: true });
  });

  it('names every artifact after the product, version, system and architecture', () => {
    expect(config.artifactName).toBe('${productName}-${version}-${os}-${arch}.${ext}');
    expect(config.deb.artifactName).toBe('${name}_${version}_${arch}.${ext}');
    expect(config.dmg.artifactName).toContain('${arch}');
  });

  it('writes an update feed for a generic server, and never rebuilds native modules (the app loads none)', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: expect.stringMatching(/^https:\/\/.+\/updates\/$/) });
    expect(config.npmRebuild).toBe(false);
  });
});
