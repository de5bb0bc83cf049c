// Node runtime. What a file is, read from its bytes as the server reads them (its type from the
// first bytes, an image's size from its header), and its SHA-256.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';

export interface FileFacts {
  mime: string;
  sha256: string;
  width?: number;
  height?: number;
}

/** Enough for every type file-type knows and for an image header with its size. */
const headBytes = 64 * 1024;
export const unknownType = 'application/octet-stream';

export async function describeFile(file: string): Promise<FileFacts> {
  const [head, sha256] = await Promise.all([readHead(file), hashFile(file)]);
  const type = await fileTypeFromBuffer(head).catch(() => undefined);
  const mime = type?.mime ?? unknownType;
  return { mime, sha256, ...(mime.startsWith('image/') ? dimensions(head) : {}) };
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Where the page sees a cached or staged image: a path on its own origin. */
export function fileUrlPath(sha256: string): string {
  return `/files/${sha256}`;
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function dimensions(head: Buffer): { width?: number; height?: number } {
  try {
    const { width, height } = imageSize(head);
    return width > 0 && height > 0 ? { width, height } : {};
  } catch {
    // A header past the first bytes or a damaged one: the image is still a file.
    return {};
  }
}
