// Node runtime, plain JavaScript: `npm start` reads this before anything is compiled. Whether
// out/ still matches its sources, decided from file times only, so a launch with nothing
// changed starts at once instead of building again.
import fs from 'node:fs';
import path from 'node:path';

/** What goes into out/: these folders (walked whole) and files of the repository. */
export const buildInputs = {
  folders: ['main', 'renderer', 'protocol', 'server'],
  files: ['package.json', 'package-lock.json', 'tsconfig.json', 'node_modules/.package-lock.json'],
};

/** What one finished build leaves in out/; a launch needs every one of them. */
export const buildOutputs = [
  'main/main.js',
  'preload/preload.cjs',
  'renderer/index.html',
  'launcher/main.js',
  'chromium/main.js',
  'server/cli.js',
];

/** out/build-stamp.json, written last by a finished build. */
export const stampFile = 'build-stamp.json';

/**
 * @typedef {{ newestInputMs: number, inputFiles: number }} BuildStamp
 *   The inputs as that build found them when it started: an edit during the build is newer.
 * @typedef {{ path: string, mtimeMs: number }} NewestInput
 * @typedef {{ newest: NewestInput | null, files: number }} InputScan
 * @typedef {{
 *   stamp: BuildStamp | null,
 *   missingOutput: string | null,
 *   inputs: InputScan,
 *   rebuild: boolean,
 * }} BuildFacts
 * @typedef {{ build: false } | { build: true, reason: string }} BuildDecision
 */

/**
 * Build when asked (`--rebuild`), when no build finished, when one of its outputs is gone, when
 * an input file is newer than the last build saw, or when files were added or deleted (a
 * deleted file leaves no newer time behind; its folder's time would, but the build itself
 * writes and deletes a temporary file beside its config).
 * @param {BuildFacts} facts
 * @returns {BuildDecision}
 */
export function decideBuild({ stamp, missingOutput, inputs, rebuild }) {
  if (rebuild) return { build: true, reason: 'asked to (--rebuild)' };
  if (!stamp) return { build: true, reason: 'no finished build in out/' };
  if (missingOutput) return { build: true, reason: `out/${missingOutput} is missing` };
  if (inputs.newest && inputs.newest.mtimeMs > stamp.newestInputMs)
    return { build: true, reason: `${inputs.newest.path} changed since the last build` };
  if (inputs.files !== stamp.inputFiles)
    return { build: true, reason: `source files were added or deleted (${stamp.inputFiles} → ${inputs.files})` };
  return { build: false };
}

/**
 * The input files under `root`: how many, and the most recently changed. node_modules and
 * dot-files inside the folders are skipped.
 * @param {string} root
 * @param {{ folders: readonly string[], files: readonly string[] }} inputs
 * @returns {InputScan}
 */
export function scanInputs(root, inputs = buildInputs) {
  /** @type {InputScan} */
  const scan = { newest: null, files: 0 };
  /** @param {string} relative */
  const see = (relative) => {
    const stat = fs.statSync(path.join(root, relative), { throwIfNoEntry: false });
    if (!stat) return;
    scan.files += 1;
    if (!scan.newest || stat.mtimeMs > scan.newest.mtimeMs) scan.newest = { path: relative, mtimeMs: stat.mtimeMs };
  };
  /** @param {string} relative */
  const walk = (relative) => {
    /** @type {fs.Dirent[]} */
    let entries;
    try {
      entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      // A folder that is not there feeds nothing into the build.
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else see(child);
    }
  };
  for (const folder of inputs.folders) walk(folder);
  for (const file of inputs.files) see(file);
  return scan;
}

/**
 * @param {string} outDir
 * @returns {BuildStamp | null} null when absent or not one of ours
 */
export function readStamp(outDir) {
  try {
    /** @type {unknown} */
    const stamp = JSON.parse(fs.readFileSync(path.join(outDir, stampFile), 'utf8'));
    if (typeof stamp !== 'object' || stamp === null) return null;
    const { newestInputMs, inputFiles } = /** @type {Record<string, unknown>} */ (stamp);
    return typeof newestInputMs === 'number' && Number.isFinite(newestInputMs) && Number.isInteger(inputFiles)
      ? { newestInputMs, inputFiles: Number(inputFiles) }
      : null;
  } catch {
    // No stamp or not JSON: no build is known to have finished, which is what null says.
    return null;
  }
}

/** @param {string} outDir @param {BuildStamp} stamp */
export function writeStamp(outDir, stamp) {
  fs.writeFileSync(path.join(outDir, stampFile), `${JSON.stringify(stamp)}\n`);
}

/**
 * @param {string} outDir
 * @param {readonly string[]} outputs
 * @returns {string | null}
 */
export function missingOutput(outDir, outputs = buildOutputs) {
  return outputs.find((output) => !fs.existsSync(path.join(outDir, output))) ?? null;
}

/**
 * The file facts of the repository at `root`, as decideBuild takes them.
 * @param {string} root
 * @param {boolean} rebuild
 * @returns {BuildFacts}
 */
export function readBuildFacts(root, rebuild) {
  const outDir = path.join(root, 'out');
  return { stamp: readStamp(outDir), missingOutput: missingOutput(outDir), inputs: scanInputs(root), rebuild };
}
