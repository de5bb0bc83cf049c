// Files for the attachment tests: real headers (file-type and image-size read them), and the
// renderer's way of handing a file to the core (beginFile, appendFile in pieces, finishFile).
import { createHash, randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import type { StagedFile } from '../../main/ipc/files-contract.js';
import { fileLimits } from '../../main/ipc/files-contract.js';
import type { TestCore } from './cores.js';

/** A PNG's signature and header (width × height), an IDAT chunk of `extra` random bytes, the end. */
export function pngBytes(width: number, height: number, extra = 1000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', randomBytes(extra)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG a browser can decode: width × height opaque red pixels. */
export function decodablePng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([255, 0, 0]))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export function pdfBytes(extra = 2000): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(extra)]);
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stages `bytes` as the renderer does; answers the staged file. */
export async function stage(core: TestCore, name: string, bytes: Buffer): Promise<StagedFile> {
  const { stagedId } = await core.call<{ stagedId: string }>('beginFile', { name, size: bytes.length });
  for (let at = 0; at < bytes.length; at += fileLimits.pieceBytes) {
    await core.call('appendFile', {
      stagedId,
      data: bytes.subarray(at, at + fileLimits.pieceBytes).toString('base64'),
    });
  }
  return core.call<StagedFile>('finishFile', { stagedId });
}
