// Server: nodes sharing one PostgreSQL database must share their files folder too, or a file
// uploaded through one node is missing on the others. The first node writes a random id into
// the folder and records it in the store; a node whose folder lacks that id refuses to start.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../store/store.js';

export const folderIdValue = 'files-folder-id';
export const folderIdFile = '.folder-id';

export class UnsharedFilesFolder extends Error {}

/** Resolves when `folder` is the one every node of the cluster uses; `folder` and its tmp/ exist. */
export async function checkSharedFolder(folder: string, store: Store): Promise<void> {
  const claimed = await store.serverValue(folderIdValue);
  let id = await readId(folder);
  if (id === null && claimed === null) id = await writeId(folder);
  if (id !== null && (await store.claimServerValue(folderIdValue, id)) === id) return;
  throw new UnsharedFilesFolder(
    `The files folder ${folder} is not the one the other server nodes on this database use ` +
      `(${id === null ? `it has no ${folderIdFile}` : `its ${folderIdFile} differs`}). ` +
      'Every node must keep files in one folder shared by all nodes (--files-dir) or in S3 (--files-s3-url).',
  );
}

async function readId(folder: string): Promise<string | null> {
  try {
    return (await fs.readFile(path.join(folder, folderIdFile), 'utf8')).trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Writes a new id unless another node starting at the same moment wrote one first: returns the one there. */
async function writeId(folder: string): Promise<string | null> {
  const temp = path.join(folder, 'tmp', `folder-id.${randomUUID()}`);
  await fs.writeFile(temp, `${randomBytes(16).toString('hex')}\n`, { mode: 0o600 });
  try {
    // A link appears whole or not at all, and fails if the name exists.
    await fs.link(temp, path.join(folder, folderIdFile));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(temp, { force: true });
  }
  return readId(folder);
}
