// What goes into the packaged app after `npm run build`: the built main process, preload and
// renderer, package.json, and the packages main.js loads at run time — no server, no tests,
// no source maps, no TypeScript. Checked twice: by expanding the `files` patterns here, and
// by letting electron-builder pack the app for real (offline) and reading its app.asar.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dependencyClosure,
  filePatterns,
  isSelected,
  keptPackages,
  productionDependencies,
  projectFiles,
  runtimePackages,
} from './app-files.js';
import { loadBuilderConfig } from './builder-config.js';
import { builtEntries, ensureBuiltApp, projectRoot } from './built-app.js';
import { packDir, type PackedApp } from './dir-pack.js';

const config = loadBuilderConfig();
const patterns = filePatterns(config);
let appFiles: string[];
let runtimeClosure: Set<string>;

beforeAll(async () => {
  await ensureBuiltApp();
  appFiles = projectFiles().filter((file) => isSelected(file, patterns));
  runtimeClosure = dependencyClosure(runtimePackages(mainCode()));
}, 300_000);

/** main.js and the chunks beside it that it imports when needed (the updater, only when updating is on). */
function mainCode(): string {
  const dir = path.dirname(builtEntries.main);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('\n');
}

const packageName = (dir: string) => dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Files that must never be shipped, wherever they sit. */
function forbidden(file: string): string | null {
  if (file.endsWith('.map')) return 'a source map';
  if (/\.(ts|cts|mts|tsx)$/.test(file)) return 'TypeScript';
  if (file.endsWith('.node')) return 'a native module';
  if (file.startsWith('server/')) return 'server code';
  if (/(^|\/)(test|tests|__tests__)\//.test(file) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(file)) return 'a test';
  return null;
}

describe('files patterns of electron-builder.yml', () => {
  it('each include pattern matches something the build produced', () => {
    for (const pattern of patterns.filter((entry) => !entry.exclude)) {
      expect(
        appFiles.some((file) => pattern.regex.test(file)),
        pattern.source,
      ).toBe(true);
    }
  });

  it('select the three entry points and package.json', () => {
    for (const entry of Object.values(builtEntries))
      expect(appFiles).toContain(path.relative(projectRoot, entry).split(path.sep).join('/'));
    expect(appFiles).toContain('package.json');
  });

  it('select only out/main, out/preload and out/renderer besides package.json, without maps', () => {
    for (const file of appFiles) {
      expect(file === 'package.json' || /^out\/(main|preload|renderer)\//.test(file), file).toBe(true);
      expect(forbidden(file), file).toBeNull();
    }
  });

  it('would still leave out a source map, a server file or a test if one appeared under out/', () => {
    for (const file of [
      'out/main/main.js.map',
      'out/renderer/assets/index-abc.js.map',
      'server/cli.ts',
      'test/vitest.config.ts',
      'out/test/x.js',
    ]) {
      expect(isSelected(file, patterns), file).toBe(false);
    }
  });

  it('keep exactly the packages main.js loads at run time, out of all production dependencies', () => {
    expect(runtimePackages(mainCode())).toEqual([
      'electron-updater',
      'file-type',
      'image-size',
      'js-yaml',
      'lowdb',
      'semver',
      'socket.io-client',
      'zod',
    ]);
    const kept = keptPackages(productionDependencies(), patterns);
    expect([...kept].sort()).toEqual([...runtimeClosure].sort());
  });

  it('bundle the preload into one file that needs nothing a sandbox lacks', () => {
    // A sandboxed preload may require only electron and a few polyfilled modules.
    expect(runtimePackages(fs.readFileSync(builtEntries.preload, 'utf8'))).toEqual([]);
  });
});

describe('the app electron-builder packs (linux dir target, stand-in Electron)', () => {
  let packed: PackedApp;

  beforeAll(async () => {
    await ensureBuiltApp();
    packed = await packDir(config);
  }, 300_000);

  afterAll(() => {
    if (packed) fs.rmSync(packed.root, { recursive: true, force: true });
  });

  it('holds exactly the files the patterns select, plus the runtime packages', () => {
    const own = packed.files.filter((file) => !file.startsWith('node_modules/'));
    expect(own).toEqual([...appFiles].sort());
    const packages = new Set(
      packed.files
        .filter((file) => /^(node_modules\/(@[^/]+\/)?[^/@]+\/)+package\.json$/.test(file))
        .map((file) => file.slice(0, -'/package.json'.length)),
    );
    // By name: electron-builder moves a nested dependency up when nothing else is in its place.
    expect([...packages].map(packageName).sort()).toEqual([...runtimeClosure].map(packageName).sort());
  });

  it('ships no source maps, TypeScript, native modules, tests or server code', () => {
    expect(packed.files.filter((file) => forbidden(file) !== null)).toEqual([]);
  });

  it('carries app-update.yml beside app.asar, which turns updating on (main/electron/updates/)', () => {
    const file = path.join(packed.root, 'dist', 'linux-unpacked', 'resources', 'app-update.yml');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^provider: generic$/m);
  });

  it('packs the version of each nested dependency that its package asked for', () => {
    // electron-updater needs fs-extra 10; electron-builder moved it up beside the others.
    const fsExtra = JSON.parse(packed.read('node_modules/fs-extra/package.json').toString()) as { version: string };
    expect(fsExtra.version).toMatch(/^10\./);
  });

  it('starts at the built main process', () => {
    const manifest = JSON.parse(packed.read('package.json').toString()) as { main?: string; desktopName?: string };
    expect(manifest.main).toBe('out/main/main.js');
    expect(packed.files).toContain(manifest.main);
    expect(manifest.desktopName).toBe('messenger.desktop');
  });

  it('can load every package main.js imports', () => {
    for (const name of runtimePackages(packed.read('out/main/main.js').toString())) {
      expect(packed.files, name).toContain(`node_modules/${name}/package.json`);
    }
  });

  it('holds every file main.js reads from beside itself, and no path of this machine', () => {
    const main = packed.read('out/main/main.js').toString();
    for (const [, asset] of main.matchAll(/import\.meta\.dirname,\s*"\.\/([^"]+)"/g))
      expect(packed.files).toContain(`out/main/${asset}`);
    expect(main).not.toContain(projectRoot);
  });
});
