// The updater's wiring: a real server with --updates-dir holds the feed, a fake stands in for
// electron-updater (it cannot run without Electron) and emits its events; the daily timer is
// driven by hand.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../../main/ipc/desktop-contract.js';
import {
  AppUpdater,
  memoryFailureLog,
  type FailureLog,
  type UpdaterPieces,
} from '../../../../main/electron/updates/app-updater.js';
import { dayMs, hourMs, type UpdaterEvent } from '../../../../main/electron/updates/update-plan.js';
import { silentLogger } from '../../../../main/core/log/logger.js';
import { startTestServer, type TestServer } from '../../../support/server.js';
import { feedYaml } from './feed-yaml.js';

class FakePieces implements UpdaterPieces {
  configured: { url: string; channel: string }[] = [];
  checks = 0;
  installs = 0;
  private listener: (event: UpdaterEvent) => void = () => undefined;
  private checked: (() => void) | null = null;
  /** Resolves when the next check reaches electron-updater. */
  nextCheck(): Promise<void> {
    return new Promise((resolve) => (this.checked = resolve));
  }
  configure(feed: { url: string; channel: string }) {
    this.configured.push(feed);
  }
  async checkAndDownload() {
    this.checks++;
    this.checked?.();
  }
  quitAndInstall() {
    this.installs++;
  }
  onEvent(listener: (event: UpdaterEvent) => void) {
    this.listener = listener;
  }
  emit(event: UpdaterEvent) {
    this.listener(event);
  }
}

class HandTimers {
  runs: (() => void)[] = [];
  intervals: number[] = [];
  setInterval(run: () => void, ms: number) {
    this.runs.push(run);
    this.intervals.push(ms);
    return this.runs.length;
  }
  clearInterval() {
    this.runs = [];
  }
}

describe('AppUpdater with a local update feed', () => {
  let server: TestServer;
  let dir: string;
  let pieces: FakePieces;
  let timers: HandTimers;
  let statuses: UpdateStatus[];
  let now: number;
  let updater: AppUpdater;
  let failures: FailureLog;
  const writeFeed = (text: string) => fs.writeFileSync(path.join(dir, 'latest-linux.yml'), text);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-updater-'));
    server = await startTestServer({ updatesDir: dir });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const makeUpdater = (currentVersion: string) =>
    new AppUpdater({
      pieces,
      currentVersion,
      platform: 'linux',
      serverUrl: async () => server.url,
      report: (status) => statuses.push(status),
      logger: silentLogger,
      now: () => now,
      timers,
      failures,
    });

  beforeEach(() => {
    failures = memoryFailureLog();
    pieces = new FakePieces();
    timers = new HandTimers();
    statuses = [];
    now = 1_700_000_000_000;
    updater = makeUpdater('1.0.0');
  });

  it('checks at start, downloads a newer release through the pieces and reports it ready', async () => {
    writeFeed(feedYaml('1.1.0'));
    expect(await updater.start()).toMatchObject({ kind: 'download', version: '1.1.0' });
    expect(pieces.configured).toEqual([{ url: `${server.url}/updates/`, channel: 'latest' }]);
    expect(pieces.checks).toBe(1);
    pieces.emit({ type: 'checking-for-update' });
    pieces.emit({ type: 'update-available', version: '1.1.0' });
    pieces.emit({ type: 'download-progress', percent: 50 });
    pieces.emit({ type: 'update-downloaded', version: '1.1.0' });
    expect(statuses).toEqual([
      { state: 'downloading', version: '1.1.0', percent: 0 },
      { state: 'downloading', version: '1.1.0', percent: 50 },
      { state: 'ready', version: '1.1.0' },
    ]);
    updater.restart();
    expect(pieces.installs).toBe(1);
    // Ready: the daily check leaves the downloaded update alone.
    expect(await updater.check('daily')).toEqual({ kind: 'skipped', why: 'ready' });
  });

  it('checks again each day on the injected timer, and stops when told', async () => {
    writeFeed(feedYaml('1.0.0'));
    expect(await updater.start()).toEqual({ kind: 'nothing', why: 'not-newer' });
    expect(timers.intervals).toEqual([dayMs]);
    expect(pieces.checks).toBe(0);
    writeFeed(feedYaml('1.0.1'));
    const checked = pieces.nextCheck();
    timers.runs[0]!();
    await checked;
    expect(pieces.checks).toBe(1);
    updater.stop();
    expect(timers.runs).toEqual([]);
  });

  it('leaves a stable build alone when the feed holds a prerelease', async () => {
    writeFeed(feedYaml('1.1.0-beta.1'));
    expect(await updater.start()).toEqual({ kind: 'nothing', why: 'prerelease-on-stable' });
    expect(pieces.checks).toBe(0);
  });

  it('reads a beta build its own channel file', async () => {
    fs.writeFileSync(path.join(dir, 'beta-linux.yml'), feedYaml('1.1.0-beta.2'));
    updater = makeUpdater('1.1.0-beta.1');
    expect(await updater.start()).toMatchObject({ kind: 'download', version: '1.1.0-beta.2' });
    expect(pieces.configured).toEqual([{ url: `${server.url}/updates/`, channel: 'beta' }]);
  });

  it('reports a malformed feed as failed, then waits an hour before checking again at a start', async () => {
    writeFeed('version: [');
    expect(await updater.check('start')).toMatchObject({ kind: 'failed', error: { kind: 'malformed' } });
    expect(statuses).toEqual([{ state: 'failed', message: expect.stringMatching(/not YAML/) }]);
    writeFeed(feedYaml('1.1.0'));
    now += hourMs - 1;
    expect(await updater.check('start')).toEqual({ kind: 'wait', until: now + 1 });
    // The daily check does not wait.
    expect(await updater.check('daily')).toMatchObject({ kind: 'download' });
  });

  it('waits after a failed download too, and shows it', async () => {
    writeFeed(feedYaml('1.1.0'));
    await updater.start();
    pieces.emit({ type: 'error', message: 'sha512 checksum mismatch' });
    expect(statuses.at(-1)).toEqual({ state: 'failed', message: 'sha512 checksum mismatch' });
    expect(await updater.check('start')).toMatchObject({ kind: 'wait' });
  });

  it('remembers the failure across a restart: the next start within the hour waits', async () => {
    writeFeed('files: nope');
    await updater.start();
    updater.stop();
    now += 10 * 60 * 1000;
    const restarted = makeUpdater('1.0.0');
    writeFeed(feedYaml('1.1.0'));
    expect(await restarted.start()).toMatchObject({ kind: 'wait' });
    expect(pieces.checks).toBe(0);
  });

  it('takes a server without a feed (404) quietly: no failure shown, no wait', async () => {
    fs.rmSync(path.join(dir, 'latest-linux.yml'), { force: true });
    expect(await updater.start()).toMatchObject({ kind: 'failed', error: { kind: 'missing' } });
    expect(statuses).toEqual([]);
    writeFeed(feedYaml('1.1.0'));
    expect(await updater.check('start')).toMatchObject({ kind: 'download' });
  });
});
