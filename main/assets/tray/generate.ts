// Build time (Node). Writes the tray icons into this folder; run it after changing glyph.ts
// and commit the result: node --import tsx main/assets/tray/generate.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trayAssets, type TrayAsset } from './manifest.js';
import { encodeIco, encodePng } from '../image-files.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function encodeAsset(asset: TrayAsset): Buffer {
  if (asset.container === 'png') {
    const [image] = asset.images;
    if (!image || asset.images.length !== 1) throw new Error(`${asset.file}: a PNG holds exactly one image`);
    return encodePng(image);
  }
  return encodeIco(asset.images.map((image) => ({ size: image.width, png: encodePng(image) })));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const asset of trayAssets()) {
    const bytes = encodeAsset(asset);
    writeFileSync(path.join(here, asset.file), bytes);
    process.stdout.write(`${asset.file}  ${bytes.length} bytes\n`);
  }
}
