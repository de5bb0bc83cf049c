// Server: what an upload's bytes are, learnt while they stream to the blob store — their count,
// their SHA-256 and the first bytes (for sniffing the type) — so memory does not grow with size.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Enough for file-type's signatures and for image-size to find the dimensions of most images. */
export const sniffedBytes = 64 * 1024;

export class UploadTap extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headSize = 0;

  constructor(private readonly onBytes: () => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.onBytes();
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.headSize < sniffedBytes) {
      const part = chunk.subarray(0, sniffedBytes - this.headSize);
      // A copy: the chunk's memory belongs to the socket's buffer pool.
      this.headChunks.push(Buffer.from(part));
      this.headSize += part.length;
    }
    done(null, chunk);
  }

  /** Lowercase hex; call once, after the last byte. */
  sha256(): string {
    return this.hash.digest('hex');
  }

  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}
