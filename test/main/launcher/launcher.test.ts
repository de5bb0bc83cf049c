// What `npm start` decides before it launches anything: whether to start the bundled
// server, Electron or the Chromium fallback, and where a profile lives.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../../../main/build/renderer.config.js';
import { appDataRoot, profileDir, serverDataDir } from '../../../main/launcher/app-paths.js';
import { isLoopback, isServerUp } from '../../../main/launcher/bundled-server.js';
import {
  electronDownloadFile,
  findElectron,
  forgetFailedDownload,
  installElectron,
  lastFailedDownload,
  rememberFailedDownload,
} from '../../../main/launcher/electron-binary.js';
import { helpText, readAppOptions, UsageError } from '../../../main/launcher/options.js';
import { appExitReason, chooseShell, electronRetryMs, type ShellProbes } from '../../../main/launcher/plan.js';
import { startTestServer, tempDir } from '../../support/server.js';

/** Probes with a remembered download failure kept in `memory` and the clock at `clock.now`. */
function probes(overrides: Partial<ShellProbes> = {}): ShellProbes & {
  said: string[];
  memory: { failedAt: Date | null };
  clock: { now: Date };
} {
  const said: string[] = [];
  const memory = { failedAt: null as Date | null };
  const clock = { now: new Date('2026-12-04T12:00:00Z') };
  return {
    findElectron: vi.fn(() => null),
    installElectron: vi.fn(async () => false),
    forceChromium: false,
    retryElectron: false,
    lastFailedDownload: () => memory.failedAt,
    rememberFailedDownload: (failedAt) => (memory.failedAt = failedAt),
    forgetFailedDownload: () => (memory.failedAt = null),
    now: () => clock.now,
    say: (line) => said.push(line),
    said,
    memory,
    clock,
    ...overrides,
  };
}

describe('the bundled server', () => {
  it('is seen as up only when /healthz answers', async () => {
    const server = await startTestServer();
    try {
      expect(await isServerUp(server.url)).toBe(true);
    } finally {
      await server.close();
    }
    expect(await isServerUp(server.url)).toBe(false);
  });

  it('is started only on this machine', () => {
    expect(isLoopback('http://127.0.0.1:4860')).toBe(true);
    expect(isLoopback('http://[::1]:4860')).toBe(true);
    expect(isLoopback('http://localhost:4860')).toBe(true);
    expect(isLoopback('http://chat.example.com:4860')).toBe(false);
  });
});

describe('the shell', () => {
  it('is Electron when its binary is installed, without an install attempt', async () => {
    const p = probes({ findElectron: vi.fn(() => '/x/electron') });
    expect(await chooseShell(p)).toEqual({ kind: 'electron', binary: '/x/electron' });
    expect(p.installElectron).not.toHaveBeenCalled();
  });

  it('falls back to Chromium after one failed install, saying so in one line', async () => {
    const p = probes();
    expect(await chooseShell(p)).toEqual({ kind: 'chromium' });
    expect(p.installElectron).toHaveBeenCalledOnce();
    expect(p.said).toHaveLength(1);
  });

  it('is Electron when the one install attempt succeeds', async () => {
    let installed = false;
    const p = probes({
      findElectron: vi.fn(() => (installed ? '/x/electron' : null)),
      installElectron: vi.fn(async () => (installed = true)),
    });
    expect(await chooseShell(p)).toEqual({ kind: 'electron', binary: '/x/electron' });
  });

  it('remembers a failed download and does not try again within a day, saying so once per start', async () => {
    const p = probes();
    await chooseShell(p);
    expect(p.memory.failedAt).toEqual(p.clock.now);
    p.clock.now = new Date(p.clock.now.getTime() + electronRetryMs - 1);
    p.said.length = 0;
    expect(await chooseShell(p)).toEqual({ kind: 'chromium' });
    expect(p.installElectron).toHaveBeenCalledOnce();
    expect(p.said).toEqual([
      'Electron could not be downloaded on 2026-12-04 12:00 UTC; using the Chromium shell. `npm start -- --retry-electron` tries again.',
    ]);

    p.clock.now = new Date(p.clock.now.getTime() + 1);
    await chooseShell(p);
    expect(p.installElectron).toHaveBeenCalledTimes(2);
    expect(p.memory.failedAt).toEqual(p.clock.now);
  });

  it('tries again at once with --retry-electron, and forgets the failure when it works', async () => {
    let installed = false;
    const p = probes({
      retryElectron: true,
      findElectron: vi.fn(() => (installed ? '/x/electron' : null)),
      installElectron: vi.fn(async () => (installed = true)),
    });
    p.memory.failedAt = p.clock.now;
    expect(await chooseShell(p)).toEqual({ kind: 'electron', binary: '/x/electron' });
    expect(p.memory.failedAt).toBeNull();
  });

  it('keeps the failure in <dataDir>/electron-download.json; a file not ours remembers nothing', () => {
    const dir = tempDir();
    try {
      const file = electronDownloadFile(dir);
      expect(file).toBe(path.join(dir, 'electron-download.json'));
      expect(lastFailedDownload(file)).toBeNull();
      rememberFailedDownload(file, new Date('2026-12-04T12:00:00Z'));
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ failedAt: '2026-12-04T12:00:00.000Z' });
      expect(lastFailedDownload(file)).toEqual(new Date('2026-12-04T12:00:00Z'));
      fs.writeFileSync(file, '{"failedAt": "soon"}');
      expect(lastFailedDownload(file)).toBeNull();
      forgetFailedDownload(file);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is Chromium when MESSENGER_SHELL=chromium asks for it', async () => {
    const p = probes({ forceChromium: true, findElectron: vi.fn(() => '/x/electron') });
    expect(await chooseShell(p)).toEqual({ kind: 'chromium' });
  });
});

describe('finding Electron', () => {
  it('needs path.txt and the binary it names', () => {
    const dir = tempDir();
    try {
      expect(findElectron(dir)).toBeNull();
      fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
      expect(findElectron(dir)).toBeNull();
      fs.mkdirSync(path.join(dir, 'dist'));
      fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
      expect(findElectron(dir)).toBe(path.join(dir, 'dist', 'electron'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a failed install script as false', async () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'install.js'), 'process.exit(1)');
      expect(await installElectron(dir, 5000)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('options and profiles', () => {
  it('defaults to the default profile and the local server', () => {
    expect(readAppOptions([], { MESSENGER_HOME: '/tmp/m' })).toEqual({
      profile: 'default',
      serverUrl: 'http://127.0.0.1:4860',
      dataDir: '/tmp/m',
      headless: false,
      help: false,
      retryElectron: false,
    });
    expect(readAppOptions([], { MESSENGER_SERVER_URL: 'http://127.0.0.1:5000' }).serverUrl).toBe(
      'http://127.0.0.1:5000',
    );
  });

  it('reads --profile, --server and --headless, flags winning over the environment', () => {
    const argv = ['--profile', 'bob', '--server=http://10.0.0.2:4860', '--data-dir', '/srv/m', '--headless'];
    const options = readAppOptions(argv, { MESSENGER_SERVER_URL: 'http://127.0.0.1:5000', MESSENGER_HOME: '/tmp/m' });
    expect(options).toEqual({
      profile: 'bob',
      serverUrl: 'http://10.0.0.2:4860',
      dataDir: '/srv/m',
      headless: true,
      help: false,
      retryElectron: false,
    });
    expect(readAppOptions(['--retry-electron'], {}).retryElectron).toBe(true);
  });

  it('refuses profile names that are not plain folder names', () => {
    for (const bad of ['../x', '.', 'a/b', ''])
      expect(() => readAppOptions(['--profile', bad], {})).toThrow(UsageError);
    expect(() => readAppOptions(['--server', 'ftp://x'], {})).toThrow(UsageError);
  });

  it('keeps each profile in its own folder under the app-data root', () => {
    expect(appDataRoot({ MESSENGER_HOME: '/tmp/m' })).toBe('/tmp/m');
    expect(appDataRoot({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/messenger');
    expect(profileDir('/tmp/m', 'alice')).toBe('/tmp/m/profiles/alice');
    expect(profileDir('/tmp/m', 'bob')).not.toBe(profileDir('/tmp/m', 'alice'));
    expect(serverDataDir('/tmp/m')).toBe('/tmp/m/server');
  });
});

describe('--help', () => {
  it('is asked for with --help or -h', () => {
    expect(readAppOptions(['--help'], {}).help).toBe(true);
    expect(readAppOptions(['--profile', 'bob', '-h'], {}).help).toBe(true);
  });

  it('lists the options and where the profile’s log is, with what it holds and its cap', () => {
    const text = helpText('bob', '/srv/m');
    for (const flag of ['--profile NAME', '--server URL', '--data-dir DIR', '--headless', '--retry-electron', '--help'])
      expect(text).toContain(flag);
    expect(text).toContain('Log of profile "bob": /srv/m/profiles/bob/logs/messenger.log');
    expect(text).toMatch(/never message content/);
    expect(text).toMatch(/1 MiB/);
  });

  it('prints that text from `npm start -- --help` and exits 0, before building anything', async () => {
    const home = tempDir();
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', path.join(repoRoot, 'main', 'launcher', 'main.ts'), '--profile', 'carol', '--help'],
        { cwd: repoRoot, env: { ...process.env, MESSENGER_HOME: home } },
      );
      expect(stdout).toBe(helpText('carol', home));
      expect(fs.existsSync(path.join(home, 'profiles'))).toBe(false);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('exit statuses', () => {
  it("say why the app ended badly, pointing at the profile's log", () => {
    expect(appExitReason(0, null, '/l')).toBeNull();
    expect(appExitReason(3, null, '/l')).toBe('The app exited with status 3; see /l.');
    expect(appExitReason(null, 'SIGKILL', '/l')).toBe('The app was ended by SIGKILL; see /l.');
  });

  it('prints the usage error and exits 2 for a bad option, before building anything', async () => {
    const home = tempDir();
    try {
      const run = promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', path.join(repoRoot, 'main', 'launcher', 'main.ts'), '--profile', '../x'],
        { cwd: repoRoot, env: { ...process.env, MESSENGER_HOME: home } },
      );
      const failure = await run.then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toBe('Invalid profile name "../x": use letters, digits, "-" and "_" (at most 64).\n');
      expect(fs.readdirSync(home)).toEqual([]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
