// Build time (Node), plain JavaScript so `npm start` can run it before anything is compiled.
// `npm run build`: electron-vite builds the Electron main process, its preload and the
// renderer; esbuild bundles the launcher, the Chromium shell (with the client core) and the
// chat server into Node ES modules; the stamp written last tells later starts out/ is whole.
// Builds are serialised by a lock: two `npm start`s of a stale tree build once.
// `node main/build/build.mjs [--logLevel info|warn|error|silent] [--if-stale]`
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as buildElectronApp } from 'electron-vite';
import * as esbuild from 'esbuild';
import { decideBuild, readBuildFacts, scanInputs, stampFile, writeStamp } from '../launcher/build-freshness.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const outDir = path.join(repoRoot, 'out');
const lockDir = path.join(repoRoot, 'node_modules', '.cache', 'messenger-build.lock');

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** A folder as the lock (mkdir is atomic), holding its owner's pid; a dead owner's lock is taken over. */
async function withBuildLock(/** @type {() => Promise<void>} */ work) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(path.join(lockDir, 'owner'), { encoding: 'utf8', flag: 'a+' }));
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      // Unsigned only for the moment between mkdir and the write below, unless its owner died there.
      if (owner > 0 ? !isAlive(owner) : age > 10_000) fs.rmSync(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  fs.writeFileSync(path.join(lockDir, 'owner'), String(process.pid));
  try {
    await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** out/<name>.js ← source: each runs as `node out/<name>.js`, two folders below the root. */
export const nodeEntries = {
  'launcher/main': 'main/launcher/main.ts',
  'chromium/main': 'main/chromium/main.ts',
  'server/cli': 'server/cli.ts',
};

/**
 * @param {'info' | 'warn' | 'error' | 'silent'} logLevel
 * @param {boolean} ifStale build only if out/ is still stale once the lock is held
 */
export function buildApp(logLevel = 'info', ifStale = false) {
  return withBuildLock(async () => {
    // Scanned before reading any source: a file saved while the build runs is newer, so the next start builds.
    if (!ifStale) return build(logLevel, scanInputs(repoRoot));
    const facts = readBuildFacts(repoRoot, false);
    if (decideBuild(facts).build) await build(logLevel, facts.inputs);
  });
}

/**
 * @param {'info' | 'warn' | 'error' | 'silent'} logLevel
 * @param {import('../launcher/build-freshness.mjs').InputScan} inputs the sources as found before building
 */
async function build(logLevel, inputs) {
  fs.rmSync(path.join(outDir, stampFile), { force: true });
  await buildElectronApp({ configFile: path.join(repoRoot, 'main/build/electron.vite.config.ts'), logLevel });
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: nodeEntries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Every npm package stays an import of node_modules (better-sqlite3 is native, playwright-core huge).
    packages: 'external',
    // As tsx compiled it: the Chromium shell's page script shims the __name calls this adds.
    keepNames: true,
    sourcemap: 'linked',
    logLevel: logLevel === 'info' || logLevel === 'warn' ? 'warning' : logLevel,
  });
  writeStamp(outDir, { newestInputMs: inputs.newest?.mtimeMs ?? 0, inputFiles: inputs.files });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--logLevel');
  const level = at === -1 ? 'info' : process.argv[at + 1];
  if (level !== 'info' && level !== 'warn' && level !== 'error' && level !== 'silent') {
    process.stderr.write(`--logLevel must be info, warn, error or silent, not "${String(level)}".\n`);
    process.exit(2);
  }
  buildApp(level, process.argv.includes('--if-stale')).then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`The build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
