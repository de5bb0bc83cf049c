// The app icon files electron-builder.yml points at: present, of the right kind and size for
// each platform, and the committed SVG still the artwork the generator draws.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appIconSvg, flatArtwork } from '../../main/assets/icons/artwork.js';
import { loadBuilderConfig, resolveResource } from './builder-config.js';
import { readIcns, readIco, readPng } from './icon-files.js';

const config = loadBuilderConfig();

function resource(file: string): string {
  const found = resolveResource(config, file);
  if (!found) throw new Error(`${file} (from electron-builder.yml) does not exist`);
  return found;
}

function expectRgbaPng(bytes: Buffer, size: number, label: string): void {
  expect(readPng(bytes), label).toEqual({ width: size, height: size, bitDepth: 8, colourType: 6 });
}

describe('app icons', () => {
  it('keeps the build resources folder where the icons are', () => {
    expect(fs.existsSync(resource(config.directories.buildResources))).toBe(true);
  });

  it('gives Linux a hicolor set of NxN.png from 16 to 512 px', () => {
    const folder = resource(config.linux.icon);
    expect(fs.statSync(folder).isDirectory()).toBe(true);
    const sizes = fs
      .readdirSync(folder)
      .map((name) => /^(\d+)x(\d+)\.png$/.exec(name))
      .filter((match) => match !== null)
      .map((match) => {
        expect(match[1], match[0]).toBe(match[2]);
        expectRgbaPng(fs.readFileSync(path.join(folder, match[0])), Number(match[1]), match[0]);
        return Number(match[1]);
      })
      .sort((a, b) => a - b);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
  });

  it('keeps a 1024 px PNG master next to them', () => {
    expectRgbaPng(fs.readFileSync(path.join(resource(config.linux.icon), 'icon.png')), 1024, 'icon.png');
  });

  it('gives Windows one ICO with 16-256 px images for the app and the installer', () => {
    const icons = new Set([
      config.win.icon,
      config.nsis.installerIcon,
      config.nsis.uninstallerIcon,
      config.nsis.installerHeaderIcon,
    ]);
    expect(icons.size).toBe(1);
    const entries = readIco(fs.readFileSync(resource(config.win.icon)));
    expect(entries.map((entry) => entry.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const entry of entries) {
      expect(entry.bitCount).toBe(32);
      expectRgbaPng(entry.data, entry.size, `ICO ${entry.size} px`);
    }
  });

  it('gives macOS an ICNS with every retina size up to 1024 px', () => {
    const expected: Record<string, number> = {
      ic11: 32,
      ic12: 64,
      ic07: 128,
      ic13: 256,
      ic08: 256,
      ic14: 512,
      ic09: 512,
      ic10: 1024,
    };
    const elements = readIcns(fs.readFileSync(resource(config.mac.icon)));
    expect(elements.map((element) => element.type).sort()).toEqual(Object.keys(expected).sort());
    for (const element of elements) expectRgbaPng(element.data, expected[element.type]!, element.type);
  });

  it('keeps icon.svg in step with the artwork the PNGs are drawn from', () => {
    const committed = fs.readFileSync(path.join(resource(config.linux.icon), 'icon.svg'), 'utf8');
    expect(committed.trim()).toBe(appIconSvg(flatArtwork(1024)));
  });
});
