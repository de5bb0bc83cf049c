// Node runtime. Replaces a file so that a crash or a power cut leaves the old contents or the
// new, whole: write a temporary file (owner-only), fsync it, rename it over the file, fsync
// the folder so the rename itself is on disk. Windows cannot fsync a folder; there the
// rename is as durable as NTFS makes it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The few file operations a durable write makes, so a test can watch their order. */
export interface DurableFs {
  mkdir(dir: string, options: { recursive: true; mode: number }): Promise<unknown>;
  open(file: string, flags: 'wx' | 'r', mode?: number): Promise<SyncableFile>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
}

export interface SyncableFile {
  writeFile(data: string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** Folders this app creates for its data: the owner only. */
export const privateDirMode = 0o700;
/** Files this app writes for its data: the owner only. */
export const privateFileMode = 0o600;

export interface DurableWriteOptions {
  disk?: DurableFs;
  platform?: NodeJS.Platform;
}

export async function writeFileDurably(
  file: string,
  text: string,
  { disk = fs, platform = process.platform }: DurableWriteOptions = {},
): Promise<void> {
  const dir = path.dirname(file);
  await disk.mkdir(dir, { recursive: true, mode: privateDirMode });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await disk.open(temp, 'wx', privateFileMode);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await disk.rename(temp, file);
  } catch (error) {
    await disk.rm(temp, { force: true });
    throw error;
  }
  if (platform !== 'win32') await syncFolder(dir, disk);
}

async function syncFolder(dir: string, disk: DurableFs): Promise<void> {
  const handle = await disk.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
