// A real server keeping its files in S3 (s3rver standing in for MinIO or AWS S3): an upload lands
// in the bucket (a multipart upload: over one 5 MiB part), not in the data folder, and comes back
// whole and by range across the parts' boundary.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../support/clients.js';
import { download, filesUnder, patterned, uploaded } from '../../support/files.js';
import { startTestS3, type TestS3 } from '../../support/s3-server.js';
import { startTestServer, type TestServer } from '../../support/server.js';

describe('a server with --files-s3-url', () => {
  let s3: TestS3;
  let server: TestServer;
  beforeAll(async () => {
    s3 = await startTestS3();
    server = await startTestServer({ filesS3Url: s3.url });
  });
  afterAll(async () => {
    await server?.close();
    await s3?.stop();
  });

  it('keeps an upload in the bucket and serves it whole and by range', async () => {
    const { token } = await register(server.url);
    const bytes = patterned(7 * 1024 * 1024 + 3);
    const file = await uploaded(server.url, token, bytes, 'big.bin');
    expect(file).toMatchObject({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const whole = await download(server.url, file.id, token);
    expect(whole.status).toBe(200);
    expect(whole.body.equals(bytes)).toBe(true);
    const part = await download(server.url, file.id, token, { range: 'bytes=5242870-5242889' });
    expect(part.status).toBe(206);
    expect(part.body.equals(bytes.subarray(5242870, 5242890))).toBe(true);
    expect(filesUnder(path.join(server.dataDir, 'files'))).toEqual([]);
  });
});
