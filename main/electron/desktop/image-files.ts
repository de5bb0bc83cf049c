// Electron main runtime, no electron import: turns the tray image files into the
// representations (one bitmap per scale factor) that a NativeImage is built from.
import type { TrayImageSpec } from './tray-icons.js';

export interface Representation {
  scaleFactor: number;
  /** PNG bytes. */
  buffer: Buffer;
}

/** The tray's base size in device-independent pixels; a 32 px copy is for 200 % scale. */
export const baseSize = 16;

/** The PNG images inside an ICO file (the only kind generate.ts writes), with their sizes. */
export function icoImages(ico: Buffer): Array<{ size: number; png: Buffer }> {
  if (ico.length < 6 || ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = ico.readUInt16LE(4);
  const images: Array<{ size: number; png: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + 16 * i;
    if (entry + 16 > ico.length) throw new Error('ICO directory is cut short');
    const size = ico[entry] || 256;
    const length = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    if (offset + length > ico.length) throw new Error(`ICO image ${i} lies outside the file`);
    images.push({ size, png: ico.subarray(offset, offset + length) });
  }
  return images;
}

/** Every bitmap of an image: each PNG at its scale, each image of an ICO at size / 16. */
export function representations(spec: TrayImageSpec, readFile: (file: string) => Buffer): Representation[] {
  return spec.files.flatMap(({ file, scaleFactor }) =>
    file.endsWith('.ico')
      ? icoImages(readFile(file)).map(({ size, png }) => ({ scaleFactor: size / baseSize, buffer: png }))
      : [{ scaleFactor, buffer: readFile(file) }],
  );
}
