// Node runtime, run compiled as out/launcher/main.js by `npm start` (main/launcher/start.mjs
// builds it first when out/ is older than its sources). `npm start [-- --profile NAME]
// [--server URL] [--headless] [--retry-electron] [--rebuild] [--help]`: make sure a server
// answers (the bundled one is shared with the other apps using it), then run the app in
// Electron, or in the Chromium shell without it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../build/paths.js';
import { openProfileLog } from '../core/log/profile-log.js';
import { profilePaths } from '../core/profile.js';
import { profileDir } from './app-paths.js';
import { electronShellProbes } from './electron-binary.js';
import { helpText, readAppOptions, UsageError, type AppOptions } from './options.js';
import { appExitReason, chooseShell, type ShellChoice } from './plan.js';
import { isAlive } from './server-lock.js';
import { followServer } from './server-beside-app.js';
import { localServerProbes } from './server-probes.js';
import { sharedServerFiles, useServer, watchServer, type ServerUse } from './shared-server.js';

const electronDir = path.join(repoRoot, 'node_modules', 'electron');

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** MESSENGER_LAUNCH_TIMES=1: when each step began, for measuring a launch (docs/performance.md). */
function launchTime(step: string): void {
  if (process.env.MESSENGER_LAUNCH_TIMES === '1')
    say(`launch: ${step} at ${Date.now()} (${Math.round(performance.now())} ms after node started)`);
}

/**
 * Writes the launcher's own failure to the profile's log, opened only for that line: the app
 * it starts appends to the same file while it runs.
 */
function logFailure(options: AppOptions, context: string, error: unknown): void {
  const log = openProfileLog(profilePaths(profileDir(options.dataDir, options.profile)).log);
  log.logger.error(`npm start: ${context}`, error);
  log.close();
  say(`(details in ${log.file})`);
}

function appCommand(shell: ShellChoice, options: AppOptions): [string, string[]] {
  const appArgs = ['--profile', options.profile, '--server', options.serverUrl, '--data-dir', options.dataDir];
  if (shell.kind === 'electron') {
    // Chromium's sandbox refuses to run as root; Electron inherits that rule.
    const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    return [shell.binary, [path.join(repoRoot, 'out', 'main', 'main.js'), ...sandbox, ...appArgs]];
  }
  const headless = options.headless ? ['--headless'] : [];
  return [process.execPath, [path.join(repoRoot, 'out', 'chromium', 'main.js'), ...appArgs, ...headless]];
}

async function main(options: AppOptions): Promise<number> {
  launchTime('the launcher runs');
  if (options.help) {
    process.stdout.write(helpText(options.profile, options.dataDir));
    return 0;
  }
  const files = sharedServerFiles(options.dataDir);
  // The lease is taken here; the app starts without waiting for the server to answer.
  const server = await useServer(options.serverUrl, files, localServerProbes({ files, repoRoot, say }));
  const beside = followServer(server, { watch: () => watchBundledServer(server, files.log), say });
  try {
    const shell = await chooseShell(
      electronShellProbes({
        electronDir,
        dataDir: options.dataDir,
        forceChromium: process.env.MESSENGER_SHELL === 'chromium',
        retryElectron: options.retryElectron,
        installTimeoutMs: 120_000,
        say,
      }),
    );
    return await runApp(shell, options);
  } finally {
    await beside.appExited();
  }
}

/** Says so if the bundled server ends while this app uses it: its users are offline until it is back. */
function watchBundledServer(server: ServerUse, log: string): () => void {
  if (server.serverPid === null) return () => {};
  const pid = server.serverPid;
  return watchServer(pid, isAlive, () =>
    say(
      `The bundled server (pid ${pid}) exited while the app was using it; see ${log}. Start the app again to restart it.`,
    ),
  );
}

async function runApp(shell: ShellChoice, options: AppOptions): Promise<number> {
  const [command, args] = appCommand(shell, options);
  launchTime('spawning the app');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const app = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  // Ctrl+C reaches the app through the terminal; a SIGTERM for the launcher is passed on, and
  // so is a closed terminal (SIGHUP): the launcher must live to drop its lease on the server.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => app.kill('SIGTERM'));
  process.on('SIGHUP', () => app.kill('SIGTERM'));
  const log = profilePaths(profileDir(options.dataDir, options.profile)).log;
  return new Promise<number>((resolve) => {
    app.once('error', (error) => {
      say(`Could not start ${command}: ${error.message}`);
      logFailure(options, `could not start ${path.basename(command)}`, error);
      resolve(1);
    });
    app.once('exit', (code, signal) => {
      const reason = appExitReason(code, signal, log);
      if (reason) say(reason);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function failed(error: unknown, options: AppOptions | null): never {
  if (error instanceof UsageError) {
    say(error.message);
    process.exit(2);
  }
  say(`npm start failed: ${error instanceof Error ? error.message : `thrown ${typeof error}`}`);
  if (options) logFailure(options, 'failed', error);
  process.exit(1);
}

let options: AppOptions;
try {
  options = readAppOptions(process.argv.slice(2));
} catch (error) {
  failed(error, null);
}
main(options).then(
  (code) => process.exit(code),
  (error: unknown) => failed(error, options),
);
