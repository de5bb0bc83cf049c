// `npm start` runs compiled JavaScript: the start script reuses a fresh out/ and runs the
// compiled launcher, and the compiled Chromium shell and server start without tsx.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../main/build/paths.js';
import { serverEntryFor, serverSourceEntry } from '../../../main/launcher/bundled-server.js';
import { helpText } from '../../../main/launcher/options.js';
import { ensureBuiltApp } from '../../packaging/built-app.js';
import { startTestServer, tempDir } from '../../support/server.js';

const run = promisify(execFile);

describe('which server the launcher starts', () => {
  it('is the compiled one from the compiled launcher, and the source from the source (tests, tsx)', () => {
    const root = path.join(path.sep, 'repo');
    const url = (...parts: string[]) => pathToFileURL(path.join(root, ...parts)).href;
    expect(serverEntryFor(url('out', 'launcher', 'main.js'), root)).toEqual([
      path.join(root, 'out', 'server', 'cli.js'),
    ]);
    expect(serverEntryFor(url('main', 'launcher', 'server-probes.ts'), root)).toEqual(serverSourceEntry);
    expect(serverEntryFor(url('outside', 'x.js'), root)).toEqual(serverSourceEntry);
  });
});

describe('the compiled app', () => {
  let home = '';
  beforeAll(async () => {
    // Builds under a lock shared with the other test files, only when out/ is stale.
    await ensureBuiltApp();
    home = tempDir();
    // Once in a full run, Chromium was still writing the profile folder after the stopped shell
    // had exited (ENOTEMPTY): what is left then goes with the run's temporary root (temp-root.ts).
    return () => {
      try {
        fs.rmSync(home, { recursive: true, force: true, maxRetries: 10 });
      } catch {
        // Removed with the temporary root at the end of the run.
      }
    };
  }, 300_000);

  const env = () => ({ ...process.env, MESSENGER_HOME: home, MESSENGER_LAUNCH_TIMES: '1' });

  it('npm start reuses the fresh out/ and runs the compiled launcher', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(repoRoot, 'main/launcher/start.mjs'), '--profile', 'carol', '--help'],
      { cwd: repoRoot, env: env() },
    );
    expect(stdout).toBe(helpText('carol', home));
    expect(stderr).toMatch(/^launch: build check took [\d.]+ ms \(reuse out\/\)$/m);
    expect(stderr).not.toMatch(/Building the app/);
    expect(stderr).toMatch(/^launch: the launcher runs at \d+/m);
  });

  it('the Chromium shell starts from out/chromium/main.js', async () => {
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'out/chromium/main.js'), '--help'], {
      cwd: repoRoot,
      env: env(),
    });
    expect(stdout).toBe(helpText('default', home));
  });

  it('the bundled server starts from out/server/cli.js', async () => {
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'out/server/cli.js'), '--help'], {
      cwd: repoRoot,
      env: env(),
    });
    expect(stdout).toMatch(/^Usage: npm run server -- \[options\]/);
  });

  it('the compiled Chromium shell opens headless against a server, serving out/renderer, and stops on SIGTERM', async () => {
    const server = await startTestServer();
    const shell = spawn(
      process.execPath,
      [path.join(repoRoot, 'out/chromium/main.js'), '--server', server.url, '--data-dir', home, '--headless'],
      // Its own process group, so Chromium's helpers still on their way out when the shell has
      // exited (a loaded machine) can be stopped before the profile folder is removed.
      { cwd: repoRoot, env: env(), stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    try {
      let said = '';
      shell.stderr.setEncoding('utf8');
      await new Promise<void>((resolve, reject) => {
        shell.stderr.on('data', (chunk: string) => {
          said += chunk;
          if (said.includes('runs headless')) resolve();
        });
        shell.once('exit', (code) => reject(new Error(`the shell exited (${code}) before opening:\n${said}`)));
      });
      expect(said).toMatch(/^Messenger \(profile "default"\) runs headless/m);
      const exited = once(shell, 'exit');
      shell.kill('SIGTERM');
      // Closed by its own handler (0), or by SIGTERM itself when Playwright's handler, also on
      // SIGTERM, closes Chromium first: both are a stop, neither leaves the process behind.
      const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      expect(code === 0 || signal === 'SIGTERM', `exit ${code} ${signal}`).toBe(true);
    } finally {
      try {
        process.kill(-shell.pid!, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
      await server.close();
    }
  }, 60_000);
});
