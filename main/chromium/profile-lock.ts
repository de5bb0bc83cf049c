// Node runtime. One running app per profile: two cores writing the same cache and outbox
// files would corrupt them. The lock file holds the owner's pid; a dead owner's lock is taken over.
import fs from 'node:fs';
import path from 'node:path';

export interface ProfileLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Returns the lock, or null when a live process holds it. */
export function lockProfile(profileDir: string): ProfileLock | null {
  const file = path.join(profileDir, 'app.lock');
  fs.mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return {
        release: () => {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) return null;
      fs.rmSync(file, { force: true });
    }
  }
  return null;
}
