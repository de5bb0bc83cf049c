// The committed tray icons: each is what generate.ts draws (so they cannot go stale), each
// platform's images have the sizes and colours its tray expects, and the app bundles them all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { icoSizes, trayAssets } from '../../../../main/assets/tray/manifest.js';
import { icoImages, representations } from '../../../../main/electron/desktop/image-files.js';
import { windowsAppUserModelId } from '../../../../main/electron/desktop/notifier.js';
import {
  trayIconFor,
  trayImages,
  unreadOverlayImage,
  type TrayIcon,
} from '../../../../main/electron/desktop/tray-icons.js';
import { readPng, type DecodedPng } from './png-reader.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const assetsDir = path.join(root, 'main/assets/tray');
const readAsset = (file: string) => readFileSync(path.join(assetsDir, file));

function pixels(image: DecodedPng): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  for (let i = 0; i < image.pixels.length; i += 4)
    out.push([image.pixels[i]!, image.pixels[i + 1]!, image.pixels[i + 2]!, image.pixels[i + 3]!]);
  return out;
}
const isRed = ([r, g, b, a]: number[]) => a! > 200 && r! > 200 && g! < 100 && b! < 100;
const covered = (image: DecodedPng) => pixels(image).filter(([, , , a]) => a > 0).length / (image.width * image.height);

describe('tray assets', () => {
  it.each(trayAssets().map((asset) => [asset.file, asset] as const))(
    '%s is committed and is what generate.ts draws',
    (file, asset) => {
      const bytes = readAsset(file);
      const decoded = asset.container === 'png' ? [readPng(bytes)] : icoImages(bytes).map(({ png }) => readPng(png));
      expect(decoded.map((image) => [image.width, image.height])).toEqual(
        asset.images.map((image) => [image.width, image.height]),
      );
      decoded.forEach((image, i) =>
        expect(Buffer.from(image.pixels).equals(Buffer.from(asset.images[i]!.pixels)), `${file} image ${i}`).toBe(true),
      );
    },
  );

  it('the Windows ICOs hold PNGs for 16, 20, 24, 32, 40 and 48 px', () => {
    for (const file of ['tray.ico', 'tray-unread.ico']) {
      const images = icoImages(readAsset(file));
      expect(images.map(({ size }) => size)).toEqual([...icoSizes]);
      for (const { size, png } of images) expect(readPng(png)).toMatchObject({ width: size, height: size });
    }
  });

  const icons: TrayIcon[] = ['png', 'png-unread', 'ico', 'ico-unread', 'template', 'template-unread'];

  it.each(icons)('every bitmap of "%s" is the tray size (16 px) times its scale factor', (icon) => {
    const reps = representations(trayImages[icon], readAsset);
    expect(reps.length).toBeGreaterThanOrEqual(2);
    expect(reps.map((rep) => rep.scaleFactor)).toContain(1);
    expect(reps.map((rep) => rep.scaleFactor)).toContain(2);
    for (const rep of reps) {
      const image = readPng(rep.buffer);
      expect(image.width).toBe(16 * rep.scaleFactor);
      expect(image.height).toBe(16 * rep.scaleFactor);
      // A glyph, not a blank or a full square.
      expect(covered(image)).toBeGreaterThan(0.3);
      expect(covered(image)).toBeLessThan(0.9);
    }
  });

  it('macOS gets template images: black with alpha, named *Template.png / *Template@2x.png', () => {
    expect([trayIconFor('darwin', false), trayIconFor('darwin', true)]).toEqual(['template', 'template-unread']);
    for (const icon of ['template', 'template-unread'] as const) {
      const spec = trayImages[icon];
      expect(spec.template).toBe(true);
      expect(spec.files.map(({ file }) => file)).toEqual(
        expect.arrayContaining([expect.stringMatching(/Template\.png$/), expect.stringMatching(/Template@2x\.png$/)]),
      );
      for (const rep of representations(spec, readAsset)) {
        expect(pixels(readPng(rep.buffer)).every(([r, g, b]) => r === 0 && g === 0 && b === 0)).toBe(true);
      }
    }
  });

  it('Windows and Linux get colour icons; only the unread ones carry the red dot', () => {
    expect([trayIconFor('win32', true), trayIconFor('linux', true), trayIconFor('freebsd', false)]).toEqual([
      'ico-unread',
      'png-unread',
      'png',
    ]);
    for (const icon of ['png', 'ico'] as const) {
      expect(trayImages[icon].template).toBe(false);
      for (const rep of representations(trayImages[icon], readAsset))
        expect(pixels(readPng(rep.buffer)).some(isRed)).toBe(false);
      for (const rep of representations(trayImages[`${icon}-unread`], readAsset))
        expect(pixels(readPng(rep.buffer)).some(isRed)).toBe(true);
    }
  });

  it('the Windows overlay is a red dot at 16 px and 32 px', () => {
    const reps = representations(unreadOverlayImage, readAsset);
    expect(reps.map((rep) => [rep.scaleFactor, readPng(rep.buffer).width])).toEqual([
      [1, 16],
      [2, 32],
    ]);
    for (const rep of reps)
      expect(pixels(readPng(rep.buffer)).filter(isRed).length).toBeGreaterThan(rep.scaleFactor ** 2 * 100);
  });

  it('the app bundles every file the tray uses (tray-assets.ts imports each with ?asset)', () => {
    const source = readFileSync(path.join(root, 'main/electron/desktop/tray-assets.ts'), 'utf8');
    const files = [...Object.values(trayImages), unreadOverlayImage].flatMap((spec) =>
      spec.files.map(({ file }) => file),
    );
    for (const file of files) {
      expect(source).toContain(`'../../assets/tray/${file}?asset'`);
      expect(source).toContain(`'${file}':`);
    }
    expect(
      trayAssets()
        .map(({ file }) => file)
        .sort(),
    ).toEqual([...new Set(files)].sort());
  });

  it("Windows notifications use the installer's AppUserModelID (electron-builder.yml appId)", () => {
    const config = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(config.match(/^appId:\s*["']?([\w.-]+)/m)?.[1]).toBe(windowsAppUserModelId);
  });
});
