// The built Electron app, launched for real with Playwright's _electron. Needs the Electron
// binary, which cannot be downloaded without general internet access: without it the suite
// reports itself as skipped ("not run"), never as passed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestNames, type MessengerApi } from '../../../main/ipc/contract.js';
import { uniqueName } from '../../support/clients.js';
import { projectRoot } from '../../support/process.js';
import { startTestServer, tempDir, type TestServer } from '../../support/server.js';

function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** The page's globals as the tests read them (the test project has no DOM types). */
interface PageWorld {
  messenger: MessengerApi;
  open(url: string): unknown;
  location: { href: string };
  require?: unknown;
  process?: unknown;
  ipcRenderer?: unknown;
}

const binary = electronBinary();
const out = (...parts: string[]) => path.join(projectRoot, 'out', ...parts);
const mainEntry = out('main', 'main.js');

function buildIfMissing(): void {
  if ([mainEntry, out('preload', 'preload.cjs'), out('renderer', 'index.html')].every((file) => fs.existsSync(file)))
    return;
  const scripts =
    (
      JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
        scripts?: Record<string, string>;
      }
    ).scripts ?? {};
  const run = scripts.build
    ? spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' })
    : spawnSync(
        process.execPath,
        ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--config', 'main/build/electron.vite.config.ts'],
        {
          cwd: projectRoot,
          stdio: 'inherit',
        },
      );
  if (run.status !== 0) throw new Error(`building the app failed (status ${run.status})`);
}

const title = binary ? 'Electron smoke' : 'Electron smoke (not run: Electron binary missing)';

describe.skipIf(!binary)(title, { timeout: 60_000 }, () => {
  let server: TestServer;
  let dataDir: string;
  let app: ElectronApplication;
  let page: Page;
  // Chromium's sandbox refuses to run as root (CI containers); the launcher does the same.
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const launchArgs = (profile: string) => [
    mainEntry,
    ...sandbox,
    '--profile',
    profile,
    '--server',
    server.url,
    '--data-dir',
    dataDir,
  ];

  beforeAll(async () => {
    buildIfMissing();
    server = await startTestServer();
    dataDir = tempDir();
    app = await _electron.launch({ executablePath: binary!, args: launchArgs('smoke'), cwd: projectRoot });
    page = await app.firstWindow();
    await page.waitForFunction(() => 'messenger' in globalThis);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  it('loads the renderer from app:// with no Node in the page', async () => {
    expect(page.url()).toBe('app://messenger/index.html');
    const globals = await page.evaluate(() => {
      const world = globalThis as unknown as PageWorld;
      return {
        require: typeof world.require,
        process: typeof world.process,
        ipcRenderer: typeof world.ipcRenderer,
        keys: Object.keys(world.messenger).sort(),
      };
    });
    expect(globals).toMatchObject({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });
    expect(globals.keys).toEqual([...requestNames, 'on'].sort());
  });

  it('sends the CSP with the page', async () => {
    const csp = await app.evaluate(async ({ net }) =>
      (await net.fetch('app://messenger/index.html')).headers.get('content-security-policy'),
    );
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
  });

  it('answers requests, and failures keep their code across the bridge', async () => {
    const snapshot = await page.evaluate(() => (globalThis as unknown as PageWorld).messenger.snapshot());
    expect(snapshot.account).toBeNull();
    const name = uniqueName('smoke');
    const account = await page.evaluate(
      ({ url, name }) =>
        (globalThis as unknown as PageWorld).messenger.register({ serverUrl: url, name, password: 'secret-1' }),
      { url: server.url, name },
    );
    expect(account.user.name).toBe(name);
    const failure = await page.evaluate(() =>
      (globalThis as unknown as PageWorld).messenger.openChat({ who: -1 }).then(
        () => null,
        (error: Error & { code?: string }) => ({
          isError: error instanceof Error,
          code: error.code,
          message: error.message,
        }),
      ),
    );
    expect(failure).toMatchObject({ isError: true, code: 'bad_request' });
  });

  it('stays on its page when the page tries to navigate or open windows', async () => {
    const opened = await page.evaluate(() => (globalThis as unknown as PageWorld).open('file:///etc/passwd') === null);
    expect(opened).toBe(true);
    // The barrier is the navigation's own will-navigate event: the hardening's listener was
    // added first, so by the time this one runs the navigation has been refused or not.
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      (globalThis as unknown as { refused: Promise<boolean> }).refused = new Promise((resolve) =>
        contents.once('will-navigate', (event) => resolve(event.defaultPrevented)),
      );
    });
    await page.evaluate(() => {
      (globalThis as unknown as PageWorld).location.href = 'https://example.com/';
    });
    expect(await app.evaluate(() => (globalThis as unknown as { refused: Promise<boolean> }).refused)).toBe(true);
    expect(page.url()).toBe('app://messenger/index.html');
  });

  it('hides the window on close instead of quitting', async () => {
    const state = await app.evaluate(async ({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      const hidden = new Promise<void>((resolve) => window!.once('hide', () => resolve()));
      window!.close();
      await hidden;
      return { destroyed: window!.isDestroyed(), visible: window!.isVisible() };
    });
    expect(state).toEqual({ destroyed: false, visible: false });
  });

  it('lets a second launch of the same profile quit, and another profile run', async () => {
    const second = spawn(binary!, launchArgs('smoke'), { cwd: projectRoot, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    // The first instance heard of it and came back from the tray.
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible()))
      .toBe(true);

    const other = await _electron.launch({ executablePath: binary!, args: launchArgs('other'), cwd: projectRoot });
    const otherPage = await other.firstWindow();
    expect(otherPage.url()).toBe('app://messenger/index.html');
    await other.close();
  });
});
