// Node, test helper: the app as `npm run build` leaves it in out/. Several test files need it
// and vitest runs files in parallel, so the build runs under a lock and only when out/ is
// missing or older than the sources it is built from, as `npm start` decides it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decideBuild, readBuildFacts } from '../../main/launcher/build-freshness.mjs';

/** The project folder (the one holding package.json). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const outDir = path.join(projectRoot, 'out');

export const builtEntries = {
  main: path.join(outDir, 'main', 'main.js'),
  preload: path.join(outDir, 'preload', 'preload.cjs'),
  renderer: path.join(outDir, 'renderer', 'index.html'),
} as const;

const lockDir = path.join(projectRoot, 'node_modules', '.cache', 'messenger-tests', 'build.lock');
const buildTimeoutMs = 240_000;

/** Runs `npm run build` unless out/ is already newer than every input; returns the entries. */
export async function ensureBuiltApp(): Promise<typeof builtEntries> {
  await withLock(async () => {
    if (!isFresh()) await runBuild();
  });
  return builtEntries;
}

/** What `npm start` decides too (main/launcher/build-freshness.mjs): out/ is whole and newer than its sources. */
export function isFresh(): boolean {
  return !decideBuild(readBuildFacts(projectRoot, false)).build;
}

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), buildTimeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`npm run build failed (${signal ?? `status ${code}`}):\n${output}`));
    });
  });
}

/** A folder as the lock: mkdir is atomic. A lock whose owner process is gone is taken over. */
async function withLock(work: () => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + buildTimeoutMs + 30_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (ownerIsGone()) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`${lockDir} is still held after ${buildTimeoutMs / 1000} s`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  fs.writeFileSync(path.join(lockDir, 'owner'), String(process.pid));
  try {
    await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function ownerIsGone(): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lockDir, 'owner'), 'utf8'));
  } catch {
    // Just created and not yet signed (or just released): gone only if that was long ago.
    const stat = fs.statSync(lockDir, { throwIfNoEntry: false });
    return stat !== undefined && Date.now() - stat.mtimeMs > 10_000;
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
