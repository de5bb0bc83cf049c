// Node runtime, plain JavaScript: `npm start`. Builds out/ only when it is missing or older
// than its sources (build-freshness.mjs), then runs the compiled launcher in this process:
// no TypeScript is compiled when nothing changed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decideBuild, readBuildFacts } from './build-freshness.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** @param {string} line */
function say(line) {
  process.stderr.write(`${line}\n`);
}

const started = performance.now();
const rebuild = process.argv.includes('--rebuild');
// Another `npm start` may be building already: build.mjs waits for it, then checks again.
const decision = decideBuild(readBuildFacts(repoRoot, rebuild));
if (process.env.MESSENGER_LAUNCH_TIMES === '1')
  say(
    `launch: build check took ${(performance.now() - started).toFixed(1)} ms (${decision.build ? 'build' : 'reuse out/'})`,
  );
if (decision.build) {
  say(`Building the app (${decision.reason})…`);
  const build = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'main/build/build.mjs'), '--logLevel', 'warn', ...(rebuild ? [] : ['--if-stale'])],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) {
    say('The build failed; nothing was started.');
    process.exit(1);
  }
}
await import(pathToFileURL(path.join(repoRoot, 'out/launcher/main.js')).href);
