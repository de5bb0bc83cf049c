// Client cores in this process, each with its own profile folder, recording every event.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { EventName, MessengerEvents } from '../../main/ipc/contract.js';
import type { ShellBridge } from '../../main/core/bridge.js';
import type { Logger } from '../../main/core/log/logger.js';
import { MessengerCore, type CoreOptions } from '../../main/core/messenger-core.js';
import { capturedLog, type CapturedLog } from '../main/core/log/captured-log.js';
import { uniqueName } from './clients.js';
import { startTestServer, type TestServer } from './server.js';

export interface Recorded {
  event: EventName;
  payload: any;
}

export class TestCore {
  readonly events: Recorded[] = [];
  private readonly waiters: Array<{ match: (event: Recorded) => boolean; resolve: (event: Recorded) => void }> = [];

  private constructor(
    readonly bridge: ShellBridge,
    readonly profileDir: string,
    /** What the core logged (debug included), unless the test gave it a logger of its own. */
    readonly log: CapturedLog,
  ) {
    bridge.subscribe((event, payload) => {
      const recorded = { event, payload };
      this.events.push(recorded);
      for (const waiter of this.waiters.filter((w) => w.match(recorded))) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(recorded);
      }
    });
  }

  /** The first event, already recorded or still to come, that `match` accepts. */
  waitFor(match: (event: Recorded) => boolean): Promise<Recorded> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  static async open(
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-profile-')),
    logger?: Logger,
    /** More of the core's options (a clock, the file cache's cap…). */
    options: Partial<CoreOptions> = {},
  ): Promise<TestCore> {
    const log = capturedLog();
    const bridge = await MessengerCore.open({
      profileDir,
      defaultServerUrl: 'http://127.0.0.1:4860',
      logger: logger ?? log.logger,
      ...options,
    });
    return new TestCore(bridge, profileDir, log);
  }

  /** Calls a request and returns its value; throws the Failure as an Error with `code`. */
  async call<T = any>(name: string, payload?: unknown): Promise<T> {
    const result = await this.bridge.request(name, payload);
    if (result.ok) return result.value as T;
    throw Object.assign(new Error(result.error.message), { code: result.error.code });
  }

  last<E extends EventName>(event: E): MessengerEvents[E] | undefined {
    return this.events.filter((e) => e.event === event).at(-1)?.payload;
  }

  close(): Promise<void> {
    return this.bridge.close();
  }
}

/**
 * Resolves with `check`'s value once it is neither undefined nor false, checking it again
 * and again. What synchronises is the condition itself; the time limit only turns a hang
 * into a failure that names what it waited for, below the suite's test timeout.
 */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + hangGuardMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const hangGuardMs = 18_000;

export const testPassword = 'long enough password';

/** A real server for each test and the cores it opens; all closed after the test. */
export interface CoresWorld {
  /** Replaced when a test restarts the server. */
  server: TestServer;
  /** A core on `profileDir` (a new folder by default), logging to `logger` (kept in memory by default). */
  open(profileDir?: string, logger?: Logger): Promise<TestCore>;
  /** Closes a core before the test ends (to reopen its profile, or to be away). */
  close(core: TestCore): Promise<void>;
  reopen(core: TestCore): Promise<TestCore>;
  /** A new user registered in a new core, online. */
  signedUp(prefix?: string): Promise<{ core: TestCore; id: number; name: string }>;
}

/** Call inside a describe: hooks start the server before each test and close everything after. */
export function useServerAndCores(): CoresWorld {
  const cores: TestCore[] = [];
  const madeDirs: string[] = [];
  const world: CoresWorld = {
    server: undefined as unknown as TestServer,
    async open(profileDir, logger) {
      if (!profileDir) madeDirs.push((profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-profile-'))));
      const core = await TestCore.open(profileDir, logger);
      cores.push(core);
      return core;
    },
    async close(core) {
      cores.splice(cores.indexOf(core), 1);
      await core.close();
    },
    async reopen(core) {
      await world.close(core);
      return world.open(core.profileDir);
    },
    async signedUp(prefix = 'user') {
      const core = await world.open();
      const name = uniqueName(prefix);
      const account = await core.call('register', { serverUrl: world.server.url, name, password: testPassword });
      await core.waitFor((e) => e.event === 'connection' && e.payload === 'online');
      return { core, id: account.user.id as number, name };
    },
  };
  beforeEach(async () => {
    world.server = await startTestServer();
  });
  afterEach(async () => {
    const errors = cores.flatMap((core) => core.log.at('error'));
    for (const core of cores.splice(0)) await core.close();
    await world.server.close();
    for (const dir of madeDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    // A core that met an error nobody expected fails the test, even when every check passed.
    expect(errors, 'errors the cores logged').toEqual([]);
  });
  return world;
}
