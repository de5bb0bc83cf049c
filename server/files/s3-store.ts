// Server: blobs as objects in an S3-compatible bucket (AWS, MinIO, …), addressed path-style.
// A put streams through a multipart upload of small parts, so memory stays bounded whatever the
// size; a failed or short body aborts it and leaves no object.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { BlobMissing, type BlobStore, type ByteRange } from './blob-store.js';
import { checkBlobKey, checkRange } from './blob-keys.js';
import { exactly } from './exact-size.js';
import type { S3Location } from './s3-url.js';

/** S3's smallest part; with one part in flight an upload holds about two parts. */
const partSize = 5 * 1024 * 1024;

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(location: S3Location) {
    this.bucket = location.bucket;
    this.client = new S3Client({
      region: location.region,
      forcePathStyle: true,
      ...(location.endpoint ? { endpoint: location.endpoint } : {}),
      ...(location.credentials ? { credentials: location.credentials } : {}),
      // Checksums only where S3 requires them: many S3-compatible servers reject the newer
      // flexible-checksum (aws-chunked) uploads.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable, size: number): Promise<void> {
    checkBlobKey(key);
    const Body = Readable.from(exactly(body as AsyncIterable<Buffer>, size));
    try {
      if (size === 0) {
        // lib-storage sends nothing for an empty stream; read it (it must be empty) and put ''.
        for await (const _chunk of Body) void _chunk;
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: new Uint8Array(0), ContentLength: 0 }),
        );
        return;
      }
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key: key, Body },
        partSize,
        queueSize: 1,
        leavePartsOnError: false,
      });
      await upload.done();
    } catch (error) {
      body.destroy();
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    checkBlobKey(key);
    if (range) checkRange(range);
    try {
      const answer = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      return answer.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new BlobMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    checkBlobKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}
