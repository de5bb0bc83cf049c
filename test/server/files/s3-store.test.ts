// The S3 blob store against a real S3-protocol server (s3rver), with the disk store's behaviour
// table, plus a put larger than one part (a real multipart upload).
import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobMissing } from '../../../server/files/blob-store.js';
import { openBlobStore } from '../../../server/files/open-blob-store.js';
import { S3BlobStore } from '../../../server/files/s3-store.js';
import { parseS3Url } from '../../../server/files/s3-url.js';
import { silentLogger } from '../../../server/logger.js';
import type { Store } from '../../../server/store/store.js';
import { startTestS3, type TestS3 } from '../../support/s3-server.js';
import { blobStoreBehaviour, bodyOf, freshKey } from './blob-store-behaviour.js';

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.stop();
});

blobStoreBehaviour('s3', async () => new S3BlobStore(parseS3Url(s3.url)));

describe('S3 blob store', () => {
  it('streams a put of several parts and reads a range across a part boundary', async () => {
    const blobs = new S3BlobStore(parseS3Url(s3.url));
    const bytes = randomBytes(12 * 1024 * 1024 + 17);
    const key = freshKey();
    await blobs.put(key, bodyOf(bytes), bytes.length);
    expect((await buffer(await blobs.get(key))).equals(bytes)).toBe(true);
    const boundary = 5 * 1024 * 1024;
    const part = await buffer(await blobs.get(key, { start: boundary - 10, end: boundary + 9 }));
    expect(part.equals(bytes.subarray(boundary - 10, boundary + 10))).toBe(true);
    await blobs.close();
  });

  it('leaves no object when a multipart body fails after its first part', async () => {
    const blobs = new S3BlobStore(parseS3Url(s3.url));
    const key = freshKey();
    const bytes = randomBytes(7 * 1024 * 1024);
    await expect(blobs.put(key, bodyOf(bytes, new Error('reset')), bytes.length)).rejects.toThrow();
    await expect(blobs.get(key)).rejects.toBeInstanceOf(BlobMissing);
    await blobs.close();
  });
});

describe('--files-s3-url', () => {
  it('reads an endpoint with keys, bucket and region', () => {
    expect(parseS3Url('https://AK%2F1:se%40cret@minio.example:9000/my-bucket?region=eu-west-1')).toEqual({
      bucket: 'my-bucket',
      region: 'eu-west-1',
      endpoint: 'https://minio.example:9000',
      credentials: { accessKeyId: 'AK/1', secretAccessKey: 'se@cret' },
    });
  });

  it('reads s3://bucket as AWS with the default credentials, region us-east-1 unless given', () => {
    expect(parseS3Url('s3://my-bucket')).toEqual({ bucket: 'my-bucket', region: 'us-east-1' });
    expect(parseS3Url('s3://my-bucket?region=ap-south-1')).toEqual({ bucket: 'my-bucket', region: 'ap-south-1' });
    expect(parseS3Url('http://127.0.0.1:9000/b-1')).toEqual({
      bucket: 'b-1',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
    });
  });

  it('refuses what it cannot use, saying why', () => {
    expect(() => parseS3Url('http://host:9000/')).toThrow(/not a bucket name/);
    expect(() => parseS3Url('http://host:9000/a/b')).toThrow(/not a bucket name/);
    expect(() => parseS3Url('s3://bucket/path')).toThrow(/takes no path/);
    expect(() => parseS3Url('http://onlykey@host/bucket')).toThrow(/both ACCESS and SECRET/);
    expect(() => parseS3Url('ftp://host/bucket')).toThrow(/s3:\/\/bucket/);
  });
});

describe('openBlobStore with --files-s3-url', () => {
  it('keeps the files in the bucket and says where, without the secret', async () => {
    const lines: string[] = [];
    const logger = { ...silentLogger, info: (line: string) => void lines.push(line) };
    const blobs = await openBlobStore({ dataDir: '/nonexistent', filesS3Url: s3.url }, {} as Store, logger);
    const key = freshKey();
    await blobs.put(key, bodyOf(Buffer.from('in the bucket')), 13);
    const direct = new S3BlobStore(parseS3Url(s3.url));
    expect((await buffer(await direct.get(key))).toString()).toBe('in the bucket');
    expect(lines).toEqual([`files in S3 bucket files at ${new URL(s3.url).origin}`]);
    await direct.close();
    await blobs.close();
  });
});
