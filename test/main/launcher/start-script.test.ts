// `npm start`'s start script (main/launcher/start.mjs) in a small stand-in repository: the real
// start script and build check, a stand-in build that records its runs and writes the outputs
// and the stamp, and a stand-in compiled launcher that says it ran.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../main/build/paths.js';
import { tempDir } from '../../support/server.js';

const run = promisify(execFile);

const standInBuild = `
import fs from 'node:fs';
import path from 'node:path';
import { buildOutputs, scanInputs, writeStamp } from '../launcher/build-freshness.mjs';
const root = path.resolve(import.meta.dirname, '../..');
fs.appendFileSync(path.join(root, 'builds'), process.argv.slice(2).join(' ') + '\\n');
const inputs = scanInputs(root);
for (const output of buildOutputs) {
  fs.mkdirSync(path.dirname(path.join(root, 'out', output)), { recursive: true });
  fs.writeFileSync(path.join(root, 'out', output), '');
}
fs.writeFileSync(path.join(root, 'out/launcher/main.js'), "process.stdout.write('launcher ran ' + process.argv.slice(2).join(' '));");
writeStamp(path.join(root, 'out'), { newestInputMs: inputs.newest.mtimeMs, inputFiles: inputs.files });
`;

describe('the start script', () => {
  let root = '';
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function standInRepo(): void {
    root = tempDir();
    fs.mkdirSync(path.join(root, 'main/launcher'), { recursive: true });
    fs.mkdirSync(path.join(root, 'main/build'), { recursive: true });
    for (const file of ['start.mjs', 'build-freshness.mjs'])
      fs.copyFileSync(path.join(repoRoot, 'main/launcher', file), path.join(root, 'main/launcher', file));
    fs.writeFileSync(path.join(root, 'main/build/build.mjs'), standInBuild);
    fs.writeFileSync(path.join(root, 'package.json'), '{"type":"module"}');
  }

  const start = (...args: string[]) =>
    run(process.execPath, [path.join(root, 'main/launcher/start.mjs'), ...args], { cwd: root });
  const builds = () => fs.readFileSync(path.join(root, 'builds'), 'utf8').trim().split('\n');

  it('builds when out/ is missing, reuses it next time, and builds again after an edit or when asked', async () => {
    standInRepo();
    const first = await start('--profile', 'bob');
    expect(first.stderr).toBe('Building the app (no finished build in out/)…\n');
    expect(first.stdout).toBe('launcher ran --profile bob');
    expect(builds()).toEqual(['--logLevel warn --if-stale']);

    const second = await start();
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe('launcher ran ');
    expect(builds()).toHaveLength(1);

    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'package.json'), later, later);
    expect((await start()).stderr).toBe('Building the app (package.json changed since the last build)…\n');
    expect(builds()).toHaveLength(2);

    expect((await start('--rebuild')).stderr).toBe('Building the app (asked to (--rebuild))…\n');
    // Asked for, the build runs even if another start just finished one.
    expect(builds().at(-1)).toBe('--logLevel warn');
  });

  it('starts nothing when the build fails, and says so', async () => {
    standInRepo();
    fs.writeFileSync(path.join(root, 'main/build/build.mjs'), 'process.exit(3);');
    const failure = await start().then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe(
      'Building the app (no finished build in out/)…\nThe build failed; nothing was started.\n',
    );
    expect(failure?.stdout).toBe('');
  });
});
