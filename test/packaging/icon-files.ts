// Node, test helper: reads the icon containers back, independently of the code that wrote
// them — PNG dimensions from IHDR, the entries of an ICO and of an ICNS.

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The IHDR of a PNG file, which must be its first chunk. */
export function readPng(bytes: Buffer): PngInfo {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(pngSignature)) throw new Error('not a PNG file');
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes[24]!,
    colourType: bytes[25]!,
  };
}

export interface IcoEntry {
  /** From the directory entry (0 there means 256). */
  size: number;
  bitCount: number;
  /** The image itself, which for these icons is a PNG. */
  data: Buffer;
}

export function readIco(bytes: Buffer): IcoEntry[] {
  if (bytes.length < 6 || bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1)
    throw new Error('not an ICO file');
  const count = bytes.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    if (at + 16 > bytes.length) throw new Error(`ICO entry ${i} lies past the end`);
    const width = bytes[at]! || 256;
    const height = bytes[at + 1]! || 256;
    if (width !== height) throw new Error(`ICO entry ${i} is not square`);
    const length = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    if (offset + length > bytes.length) throw new Error(`ICO entry ${i} points past the end`);
    entries.push({ size: width, bitCount: bytes.readUInt16LE(at + 6), data: bytes.subarray(offset, offset + length) });
  }
  return entries;
}

export interface IcnsElement {
  type: string;
  data: Buffer;
}

export function readIcns(bytes: Buffer): IcnsElement[] {
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS file');
  if (bytes.readUInt32BE(4) !== bytes.length) throw new Error('ICNS length does not match the file');
  const elements: IcnsElement[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at + 4);
    if (length < 8 || at + length > bytes.length) throw new Error(`ICNS element at ${at} has a bad length`);
    elements.push({ type: bytes.toString('latin1', at, at + 4), data: bytes.subarray(at + 8, at + length) });
    at += length;
  }
  return elements;
}
