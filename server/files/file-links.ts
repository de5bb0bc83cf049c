// Server: short-lived signed URLs that read one file without a token (POST /api/files/<id>/link).
// The HMAC key lives in the store, claimed by whichever node asks first, so every node checks
// every node's links. The link names who asked, and reads only while they still may.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { httpPaths, type FileLink } from '../../protocol/contract.js';
import { limits } from '../../protocol/limits.js';
import type { Store } from '../store/store.js';

export class FileLinks {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  async link(fileId: string, reader: number): Promise<FileLink> {
    const expiresAt = this.now() + limits.fileLinkTtlMs;
    const sig = await this.sign(fileId, reader, expiresAt);
    const query = new URLSearchParams({ by: String(reader), expires: String(expiresAt), sig });
    return { url: `${httpPaths.file}${fileId}?${query.toString()}`, expiresAt };
  }

  /** Who the link was made for, or null when it is not a valid, unexpired link to this file. */
  async reader(fileId: string, query: URLSearchParams): Promise<number | null> {
    const by = query.get('by') ?? '';
    const expires = query.get('expires') ?? '';
    const sig = query.get('sig') ?? '';
    if (!/^\d{1,16}$/.test(by) || !/^\d{1,16}$/.test(expires) || !/^[0-9a-f]{64}$/.test(sig)) return null;
    const reader = Number(by);
    const expiresAt = Number(expires);
    if (expiresAt <= this.now()) return null;
    const expected = Buffer.from(await this.sign(fileId, reader, expiresAt), 'hex');
    return timingSafeEqual(expected, Buffer.from(sig, 'hex')) ? reader : null;
  }

  private async sign(fileId: string, reader: number, expiresAt: number): Promise<string> {
    this.key ??= this.store
      .claimServerValue('file-link-key', randomBytes(32).toString('hex'))
      .then((hex) => Buffer.from(hex, 'hex'));
    const key = await this.key.catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return createHmac('sha256', key).update(`${fileId}\n${reader}\n${expiresAt}`).digest('hex');
  }
}
