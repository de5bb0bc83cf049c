// Server: what a file is, read from its first bytes — never from its name or the client's claim.
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';

export interface Sniffed {
  mime: string;
  width?: number;
  height?: number;
}

export const unknownType = 'application/octet-stream';

export async function sniff(head: Buffer): Promise<Sniffed> {
  const type = await fileTypeFromBuffer(head).catch(() => undefined);
  const mime = type?.mime ?? unknownType;
  if (!mime.startsWith('image/')) return { mime };
  try {
    const { width, height } = imageSize(head);
    return width > 0 && height > 0 ? { mime, width, height } : { mime };
  } catch {
    // Dimensions past the first bytes (or a damaged header): the image is still a file.
    return { mime };
  }
}
