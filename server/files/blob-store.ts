// Where the bytes of uploads and avatars live, behind one interface: the local disk by default
// (disk-store.ts), or any S3-compatible service (s3-store.ts). The store (store/store.ts) keeps
// what the bytes are and who may read them; a blob store knows only keys.
import type { Readable } from 'node:stream';

/** Inclusive byte offsets, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

/** `get` of a key that has no blob. */
export class BlobMissing extends Error {
  constructor(key: string) {
    super(`no blob ${key}`);
  }
}

export interface BlobStore {
  /**
   * Streams `body` into a new blob under `key` (keys are never reused). Resolves once the bytes
   * are durable and readable by `get` on every node; rejects, leaving nothing behind, when the
   * body fails or ends before `size` bytes.
   */
  put(key: string, body: Readable, size: number): Promise<void>;
  /** The blob's bytes, or only `range` of them. Rejects with BlobMissing when there is none. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes the blob; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Releases connections and handles. */
  close(): Promise<void>;
}
