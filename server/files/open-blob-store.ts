// Server: the blob store the settings ask for — S3 when --files-s3-url is set, else a folder
// (--files-dir, default `files` in the data folder), which all nodes on one PostgreSQL database share.
import path from 'node:path';
import type { ServerConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { BlobStore } from './blob-store.js';
import { DiskBlobStore } from './disk-store.js';
import { checkSharedFolder } from './shared-folder.js';
import { S3BlobStore } from './s3-store.js';
import { describeS3, parseS3Url } from './s3-url.js';

export type BlobSettings = Pick<ServerConfig, 'dataDir' | 'filesDir' | 'filesS3Url' | 'dbUrl'>;

/** The folder the files live in when no S3 URL is set. */
export function filesFolder(config: BlobSettings): string {
  return path.resolve(config.filesDir ?? path.join(config.dataDir, 'files'));
}

export async function openBlobStore(config: BlobSettings, store: Store, logger: Logger): Promise<BlobStore> {
  if (config.filesS3Url) {
    const location = parseS3Url(config.filesS3Url);
    logger.info(`files in ${describeS3(location)}`);
    return new S3BlobStore(location);
  }
  const folder = filesFolder(config);
  // With PostgreSQL other nodes may use this folder at the same time, and must use this one.
  const shared = config.dbUrl !== undefined;
  const blobs = await DiskBlobStore.open(folder, { shared });
  if (shared) await checkSharedFolder(folder, store);
  logger.info(`files in ${folder}`);
  return blobs;
}
