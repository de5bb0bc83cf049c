// Build time (Node). Writes the app icon into this folder for every platform, rasterizing
// artwork.ts in Debian's Chromium; run it after changing the artwork and commit the result:
//   node --import tsx main/assets/icons/generate.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { chromiumPath } from '../../chromium/ensure-chromium.js';
import { appIconSvg, flatArtwork, macArtwork, type IconArtwork } from './artwork.js';
import { encodeIcns, encodeIco, encodePng, icnsPngTypes, type IcnsPngType, type RgbaImage } from '../image-files.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Linux's hicolor set (electron-builder reads NxN.png from this folder). */
export const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512] as const;
/** What Windows picks from for the taskbar, Explorer views and the installer. */
export const icoSizes = [16, 24, 32, 48, 64, 128, 256] as const;

/** The few browser APIs the rasterizer uses (this project compiles without DOM types). */
interface CanvasWorld {
  Image: new () => { src: string; decode(): Promise<void> };
  document: {
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        drawImage(image: unknown, x: number, y: number, width: number, height: number): void;
        getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
      } | null;
    };
  };
}

/** Rasterizes the SVG at its own size in the page's canvas and reads back straight RGBA. */
async function rasterize(page: Page, artwork: IconArtwork, size: number): Promise<RgbaImage> {
  const svg = appIconSvg(artwork, size);
  const base64 = await page.evaluate(
    async ({ svg, size }) => {
      const { Image, document } = globalThis as unknown as CanvasWorld;
      const image = new Image();
      image.src = `data:image/svg+xml;base64,${btoa(svg)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d canvas');
      context.drawImage(image, 0, 0, size, size);
      const bytes = context.getImageData(0, 0, size, size).data;
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { svg, size },
  );
  return { width: size, height: size, pixels: new Uint8Array(Buffer.from(base64, 'base64')) };
}

export interface IconFile {
  file: string;
  bytes: Buffer;
}

/** Every committed icon file, rendered with the given page. */
export async function renderIconFiles(page: Page): Promise<IconFile[]> {
  const png = async (artwork: IconArtwork, size: number) => encodePng(await rasterize(page, artwork, size));
  const files: IconFile[] = [
    { file: 'icon.svg', bytes: Buffer.from(`${appIconSvg(flatArtwork(1024))}\n`) },
    { file: 'icon.png', bytes: await png(flatArtwork(1024), 1024) },
  ];
  for (const size of linuxSizes) files.push({ file: `${size}x${size}.png`, bytes: await png(flatArtwork(size), size) });
  const ico: Array<{ size: number; png: Buffer }> = [];
  for (const size of icoSizes) ico.push({ size, png: await png(flatArtwork(size), size) });
  files.push({ file: 'icon.ico', bytes: encodeIco(ico) });
  const icns: Array<{ type: IcnsPngType; png: Buffer }> = [];
  for (const [type, size] of Object.entries(icnsPngTypes) as Array<[IcnsPngType, number]>)
    icns.push({ type, png: await png(macArtwork(size), size) });
  files.push({ file: 'icon.icns', bytes: encodeIcns(icns) });
  return files;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--force-color-profile=srgb',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>icons</title>');
    for (const { file, bytes } of await renderIconFiles(page)) {
      writeFileSync(path.join(here, file), bytes);
      process.stdout.write(`${file}  ${bytes.length} bytes\n`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
