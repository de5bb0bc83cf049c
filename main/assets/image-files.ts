// Build time (Node): the files the app and tray icons ship in. A PNG of 8-bit RGBA pixels; a Windows
// ICO and a macOS ICNS, both of which may simply hold PNG files, one per size.
import { crc32, deflateSync } from 'node:zlib';

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, straight (not premultiplied) alpha. */
  pixels: Uint8Array;
}

const pngSignature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export function encodePng({ width, height, pixels }: RgbaImage): Buffer {
  if (pixels.length !== width * height * 4)
    throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${pixels.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  // Bytes 10-12 stay 0: deflate, adaptive filtering, no interlace.
  const stride = width * 4;
  const rows = Buffer.alloc(height * (1 + stride));
  for (let y = 0; y < height; y++) {
    // Filter 1 (Sub) on every row: flat artwork deflates well and the bytes stay reproducible.
    const out = y * (1 + stride);
    rows[out] = 1;
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      rows[out + 1 + x] = (pixels[y * stride + x]! - left) & 0xff;
    }
  }
  return Buffer.concat([
    pngSignature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO holding one PNG per size (each 1-256 px square); Windows reads these since Vista. */
export function encodeIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    if (size < 1 || size > 256) throw new Error(`an ICO entry is 1-256 px, not ${size}`);
    const entry = Buffer.alloc(16);
    entry[0] = size === 256 ? 0 : size; // width; 0 means 256
    entry[1] = size === 256 ? 0 : size; // height
    // Bytes 2-3 stay 0: no palette, reserved.
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** The ICNS element types that hold a PNG, and the pixel size each must have. */
export const icnsPngTypes = {
  ic11: 32, // 16 pt @2x
  ic12: 64, // 32 pt @2x
  ic07: 128,
  ic13: 256, // 128 pt @2x
  ic08: 256,
  ic14: 512, // 256 pt @2x
  ic09: 512,
  ic10: 1024, // 512 pt @2x
} as const;

export type IcnsPngType = keyof typeof icnsPngTypes;

/** An ICNS: "icns", the file length, then per element its type, length (header included), PNG. */
export function encodeIcns(elements: ReadonlyArray<{ type: IcnsPngType; png: Buffer }>): Buffer {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}
