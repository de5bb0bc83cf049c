// Server: the blob store the settings ask for — S3 when --files-s3-url is set, else a folder
// (--files-dir, default `files` in the data folder).
import path from 'node:path';
import type { ServerConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { BlobStore } from './blob-store.js';
import { DiskBlobStore } from './disk-store.js';

export type BlobSettings = Pick<ServerConfig, 'dataDir' | 'filesDir' | 'filesS3Url' | 'dbUrl'>;

/** The folder the files live in when no S3 URL is set. */
export function filesFolder(config: BlobSettings): string {
  return path.resolve(config.filesDir ?? path.join(config.dataDir, 'files'));
}

export async function openBlobStore(config: BlobSettings, _store: Store, logger: Logger): Promise<BlobStore> {
  if (config.filesS3Url) throw new Error('--files-s3-url is not supported yet');
  const folder = filesFolder(config);
  const blobs = await DiskBlobStore.open(folder);
  logger.info(`files in ${folder}`);
  return blobs;
}
