// Node runtime. A profile holds the user's messages and session: its folders are the owner's
// only (0700) and so are its files (0600). New ones are created so (durable-write.ts); this
// tightens what an older version, a copy or a restore left readable by others.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log/logger.js';
import { privateDirMode } from './durable-write.js';

/** Permission bits for group and others: a private file or folder has none. */
const othersBits = 0o077;

/**
 * Creates `dir` (0700) if missing and takes group and other access away from it and from
 * everything under it. Symlinks are not followed. Windows keeps its own ACLs: nothing to do.
 */
export async function keepPrivate(
  dir: string,
  logger: Logger,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: privateDirMode });
  if (platform === 'win32') return;
  let tightened = 0;
  const visit = async (at: string): Promise<void> => {
    try {
      const stat = await fs.lstat(at);
      if (!stat.isDirectory() && !stat.isFile()) return;
      if (stat.mode & othersBits) {
        await fs.chmod(at, stat.mode & 0o7700);
        tightened++;
      }
      if (stat.isDirectory()) for (const name of await fs.readdir(at)) await visit(path.join(at, name));
    } catch (error) {
      // Gone since the folder was listed (a temp file renamed, say): nothing to tighten.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      // One that cannot be changed must not keep the app from starting.
      logger.caught(`making ${path.relative(dir, at) || 'the profile folder'} private`, error);
    }
  };
  await visit(dir);
  if (tightened > 0) logger.info(`made ${tightened} profile files and folders readable by their owner only`);
}
