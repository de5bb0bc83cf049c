// Node runtime, no Electron: the app's updater. Checks at start and daily, reads the feed
// itself to decide (update-plan.ts), lets electron-updater (behind UpdaterPieces) download in
// the background, and reports each step as the UpdateStatus the window shows.
import type { UpdateStatus } from '../../ipc/desktop-contract.js';
import type { Logger } from '../../core/log/logger.js';
import { FeedError, readFeed, updatesUrl } from './update-feed.js';
import {
  channelOf,
  dayMs,
  feedFileName,
  planUpdate,
  statusAfter,
  waitAfterFailure,
  type Channel,
  type CheckTrigger,
  type Plan,
  type UpdaterEvent,
} from './update-plan.js';

/** What the updater needs of electron-updater; electron-pieces.ts is the real one, tests pass a fake. */
export interface UpdaterPieces {
  /** Points the generic provider at `url` (…/updates/) for `channel`; downloads start on their own. */
  configure(feed: { url: string; channel: Channel }): void;
  /** Checks the feed and downloads what is newer; progress and the outcome arrive as events. */
  checkAndDownload(): Promise<void>;
  /** Quits the app and installs the downloaded update. */
  quitAndInstall(): void;
  onEvent(listener: (event: UpdaterEvent) => void): void;
}

export interface UpdateTimers {
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** When the last check or download failed; kept across restarts, so a start soon after waits. */
export interface FailureLog {
  last(): number | null;
  record(at: number): void;
}

/** A log that lasts as long as the process (tests, and when the file cannot be used). */
export function memoryFailureLog(): FailureLog {
  let at: number | null = null;
  return { last: () => at, record: (when) => void (at = when) };
}

export interface AppUpdaterDeps {
  pieces: UpdaterPieces;
  /** This build's version (app.getVersion()). */
  currentVersion: string;
  platform: NodeJS.Platform;
  /** The signed-in user's server, else the default one; read at each check. */
  serverUrl: () => Promise<string>;
  report: (status: UpdateStatus) => void;
  logger: Logger;
  now?: () => number;
  timers?: UpdateTimers;
  fetchFeed?: typeof fetch;
  failures?: FailureLog;
}

/** A check's outcome, for the log and the tests. */
export type CheckOutcome = Plan | { kind: 'skipped'; why: 'ready' | 'checking' } | { kind: 'failed'; error: FeedError };

export class AppUpdater {
  private status: UpdateStatus = { state: 'idle' };
  private offered: string | null = null;
  private checking = false;
  private daily: unknown = null;
  private readonly now: () => number;
  private readonly timers: UpdateTimers;
  private readonly channel: Channel;
  private readonly failures: FailureLog;

  constructor(private readonly deps: AppUpdaterDeps) {
    this.now = deps.now ?? Date.now;
    this.timers = deps.timers ?? {
      setInterval: (run, ms) => setInterval(run, ms),
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    };
    this.channel = channelOf(deps.currentVersion);
    this.failures = deps.failures ?? memoryFailureLog();
    deps.pieces.onEvent((event) => this.heard(event));
  }

  /** The check at start, then one a day. */
  start(): Promise<CheckOutcome> {
    this.daily ??= this.timers.setInterval(() => void this.check('daily'), dayMs);
    return this.check('start');
  }

  stop(): void {
    if (this.daily !== null) this.timers.clearInterval(this.daily);
    this.daily = null;
  }

  restart(): void {
    this.deps.pieces.quitAndInstall();
  }

  async check(trigger: CheckTrigger): Promise<CheckOutcome> {
    if (this.status.state === 'ready') return { kind: 'skipped', why: 'ready' };
    if (this.checking) return { kind: 'skipped', why: 'checking' };
    const wait = waitAfterFailure(trigger, this.failures.last(), this.now());
    if (wait) {
      this.deps.logger.info(`update check waits until ${new Date(wait.until).toISOString()} after a failure`);
      return wait;
    }
    this.checking = true;
    try {
      return await this.checkFeed();
    } finally {
      this.checking = false;
    }
  }

  private async checkFeed(): Promise<CheckOutcome> {
    const url = updatesUrl(await this.deps.serverUrl());
    const fileName = feedFileName(this.channel, this.deps.platform);
    let plan: Plan;
    try {
      plan = planUpdate(this.deps.currentVersion, await readFeed(url, fileName, this.deps.fetchFeed));
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      return this.feedFailed(error);
    }
    this.deps.logger.info(`update check of ${url}${fileName}: ${describe(plan)}`);
    if (plan.kind !== 'download') {
      this.show({ state: 'idle' });
      return plan;
    }
    this.offered = plan.version;
    this.deps.pieces.configure({ url, channel: this.channel });
    // Failures of the download come back as `error` events too: this catch only logs.
    await this.deps.pieces.checkAndDownload().catch((error: unknown) => this.deps.logger.caught('updating', error));
    return plan;
  }

  private feedFailed(error: FeedError): CheckOutcome {
    // A server without --updates-dir offers nothing: not a failure worth a retry or a word.
    if (error.kind === 'missing') {
      this.deps.logger.info(error.message);
      return { kind: 'failed', error };
    }
    this.failures.record(this.now());
    this.deps.logger.warn(`update check failed: ${error.message}`);
    // Offline is not news to the user; a broken feed is, so the team can fix it.
    if (error.kind === 'malformed') this.show({ state: 'failed', message: error.message });
    return { kind: 'failed', error };
  }

  private heard(event: UpdaterEvent): void {
    if (event.type === 'error') {
      this.failures.record(this.now());
      this.deps.logger.warn(`update failed: ${event.message}`);
    }
    const next = statusAfter(this.status, event, this.offered);
    if (next) this.show(next);
  }

  private show(status: UpdateStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.status)) return;
    this.status = status;
    this.deps.report(status);
  }
}

function describe(plan: Plan): string {
  switch (plan.kind) {
    case 'nothing':
      return `nothing to do (${plan.why})`;
    case 'download':
      return `downloading ${plan.version} (${plan.file})`;
    case 'wait':
      return 'waiting';
  }
}
