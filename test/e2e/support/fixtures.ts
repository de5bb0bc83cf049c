// The end-to-end fixtures: a real server (in this process, port 0, temporary data) that a test
// can stop and start again on the same port, and messenger apps — the Chromium shell with
// the real client core, logging to the profile's log file as the app does — each in its own
// profile folder under a temporary MESSENGER_HOME.
// Everything a test opens is closed when it ends. The runner instruments every browser
// context playwright-core opens in this process, so the config's screenshot-on-failure and
// trace-on-failure cover these windows too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { rendererOutDir } from '../../../main/build/renderer.config.js';
import { openChromiumShell, type ChromiumShell } from '../../../main/chromium/chromium-shell.js';
import { chromiumPath } from '../../../main/chromium/ensure-chromium.js';
import { lockProfile, type ProfileLock } from '../../../main/chromium/profile-lock.js';
import type { ShellBridge } from '../../../main/core/bridge.js';
import { openProfileLog, type ProfileLog } from '../../../main/core/log/profile-log.js';
import { MessengerCore } from '../../../main/core/messenger-core.js';
import type { CoreTimers } from '../../../main/core/notify/do-not-disturb-end.js';
import type { ShellHooks } from '../../../main/core/shell/shell-state.js';
import { profilePaths } from '../../../main/core/profile.js';
import { profileDir } from '../../../main/launcher/app-paths.js';
import type { RunningServer, ServerOptions } from '../../../server/app.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { Outsider } from './people.js';

/** A real server that can go away and come back on the same port with the same data. */
export interface ServerControl {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly running: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** One running messenger: the Chromium shell and the real core, for one profile. */
export interface App {
  readonly profile: string;
  readonly profileDir: string;
  readonly page: Page;
  /** Uncaught errors thrown in the renderer. */
  readonly pageErrors: Error[];
  /** The profile's log file, as the app writes it. */
  readonly logFile: string;
  /** Closes the window and the core (the app quits). */
  close(): Promise<void>;
}

export interface Fixtures {
  /** Settings the test's server starts (and restarts) with, e.g. `test.use({ serverOptions: { registration: 'invite' } })`. */
  serverOptions: Partial<ServerOptions>;
  server: ServerControl;
  /** MESSENGER_HOME of this test: profiles/<name> for each app. */
  messengerHome: string;
  /** Starts the app for a profile (a second call after close() restarts it on the same folder). */
  launch: (profile: string, options?: LaunchOptions) => Promise<App>;
  /** People on the same server without a window (plain Socket.IO clients), closed at the end. */
  people: People;
}

export interface LaunchOptions {
  /** The shell's hooks the core gets, e.g. an openLink that records instead of starting a browser. */
  shell?: ShellHooks;
  /** The core's timers (the offline grace period, Do not disturb), e.g. test/support/manual-timers.ts. */
  timers?: CoreTimers;
}

export interface People {
  register(name: string, options?: { online?: boolean }): Promise<Outsider>;
  signIn(name: string): Promise<Outsider>;
}

/** The window size used for every app and screenshot. */
export const viewport = { width: 1280, height: 800 };

class ServerHandle implements ServerControl {
  readonly port: number;
  readonly dataDir: string;
  private server: RunningServer | null;

  private constructor(
    server: TestServer,
    private readonly options: Partial<ServerOptions>,
  ) {
    this.server = server;
    this.port = server.port;
    this.dataDir = server.dataDir;
  }

  /** No send limit: tests send as fast as a person never could. */
  static async create(options: Partial<ServerOptions> = {}): Promise<ServerHandle> {
    return new ServerHandle(await startTestServer({ sendRate: 0, ...options }), options);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close();
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = await startTestServer({ sendRate: 0, ...this.options, port: this.port, dataDir: this.dataDir });
  }
}

interface Running {
  app: App;
  shell: ChromiumShell;
  lock: ProfileLock;
  log: ProfileLog;
  closed: boolean;
}

export const test = base.extend<Fixtures>({
  serverOptions: [{}, { option: true }],

  server: async ({ serverOptions }, use) => {
    const server = await ServerHandle.create(serverOptions);
    try {
      await use(server);
    } finally {
      await server.stop();
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    }
  },

  // eslint-disable-next-line no-empty-pattern
  messengerHome: async ({}, use) => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-e2e-home-'));
    try {
      await use(home);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  },

  people: async ({ server }, use) => {
    const opened: Outsider[] = [];
    const keep = (person: Outsider) => {
      opened.push(person);
      return person;
    };
    try {
      await use({
        register: async (name, options) => keep(await Outsider.register(server.url, name, options)),
        signIn: async (name) => keep(await Outsider.signIn(server.url, name)),
      });
    } finally {
      for (const person of opened) person.close();
    }
  },

  launch: async ({ server, messengerHome }, use) => {
    const running: Running[] = [];
    const launch = async (profile: string, options: LaunchOptions = {}): Promise<App> => {
      const dir = profileDir(messengerHome, profile);
      const lock = lockProfile(dir);
      if (!lock) throw new Error(`profile ${profile} is already open`);
      const log = openProfileLog(profilePaths(dir).log);
      let shell: ChromiumShell;
      let bridge: ShellBridge | undefined;
      try {
        bridge = await MessengerCore.open({
          profileDir: dir,
          defaultServerUrl: server.url,
          logger: log.logger,
          ...(options.shell ? { shell: options.shell } : {}),
          ...(options.timers ? { timers: options.timers } : {}),
        });
        shell = await openChromiumShell({
          bridge,
          rendererDir: rendererOutDir,
          headless: true,
          executablePath: chromiumPath(),
          logger: log.logger,
        });
      } catch (error) {
        await bridge?.close();
        log.close();
        lock.release();
        throw error;
      }
      const page = shell.page;
      await page.setViewportSize(viewport);
      // A click on something that never shows up fails on its own, not at the test's timeout.
      page.setDefaultTimeout(15_000);
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      const entry: Running = {
        shell,
        lock,
        log,
        closed: false,
        app: {
          profile,
          profileDir: dir,
          page,
          pageErrors,
          logFile: log.file,
          close: async () => {
            if (entry.closed) return;
            entry.closed = true;
            await shell.close();
            log.close();
            lock.release();
          },
        },
      };
      running.push(entry);
      return entry.app;
    };

    try {
      await use(launch);
    } finally {
      const errors = running.flatMap(({ app }) =>
        app.pageErrors.map((error) => `${app.profile}: ${error.stack ?? error.message}`),
      );
      for (const { app } of running) await app.close();
      // An exception thrown in the renderer, or an error the app logged, fails the test even
      // when every check passed.
      expect(errors, 'uncaught errors in the renderer').toEqual([]);
      const logged = [...new Set(running.map(({ app }) => app.logFile))].flatMap((file) => errorLines(file));
      expect(logged, 'errors in the apps’ logs').toEqual([]);
    }
  },
});

/** The error entries of a log file: an entry's first line, and the indented lines under it. */
function errorLines(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  const entries = fs.readFileSync(file, 'utf8').split(/\n(?=\S)/);
  return entries
    .filter((entry) => /^\S+ error /.test(entry))
    .map((entry) => `${path.basename(path.dirname(path.dirname(file)))}: ${entry}`);
}

export { expect };
