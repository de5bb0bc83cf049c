// Node runtime. Which apps use the bundled server: one file per launcher, `users/<pid>`. A
// launcher that was killed leaves its file behind; its pid being gone marks it dead.
import fs from 'node:fs';
import path from 'node:path';

export function addLease(usersDir: string, pid: number, now: Date): void {
  fs.mkdirSync(usersDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(usersDir, String(pid)), JSON.stringify({ pid, since: now.toISOString() }), {
    mode: 0o600,
  });
}

export function dropLease(usersDir: string, pid: number): void {
  fs.rmSync(path.join(usersDir, String(pid)), { force: true });
}

/** The pids of the live leases; dead ones (and files that are not leases) are removed. */
export function liveLeases(usersDir: string, isAlive: (pid: number) => boolean): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(usersDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = /^[1-9]\d{0,9}$/.test(name) ? Number(name) : 0;
    if (pid > 0 && isAlive(pid)) live.push(pid);
    else fs.rmSync(path.join(usersDir, name), { force: true, recursive: true });
  }
  return live.sort((a, b) => a - b);
}
