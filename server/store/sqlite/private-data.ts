// The server's data folder holds every user's messages and password hashes: the owner's only
// (folder 0700, database files 0600), whatever an older version or a restore left behind.
import fs from 'node:fs';

/** The database, and the write-ahead log and shared memory SQLite keeps beside it. */
export function databaseFiles(database: string): string[] {
  return [database, `${database}-wal`, `${database}-shm`];
}

/**
 * Creates `dataDir` 0700 and `database` 0600 if missing, and tightens both and the WAL and
 * shared-memory files if they are open to others. SQLite creates the -wal and -shm files
 * with the database file's permissions, so they follow it. Windows keeps its own ACLs.
 */
export function keepDatabasePrivate(dataDir: string, database: string, platform = process.platform): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(database, 'a', 0o600));
  if (platform === 'win32') return;
  tighten(dataDir, 0o700);
  for (const file of databaseFiles(database)) tighten(file, 0o600);
}

function tighten(at: string, mode: number): void {
  let current: number;
  try {
    current = fs.statSync(at).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (current & 0o077) fs.chmodSync(at, mode);
}
