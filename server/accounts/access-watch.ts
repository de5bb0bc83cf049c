// Server, accounts: acts on access changes made elsewhere — by `npm run admin` on the same data, or
// by another node — within a poll interval. Every node reads the access-change log (the
// account_changes table) and disconnects its own sockets whose session no longer lets them in.
import { userRoom } from '../../protocol/contract.js';
import type { Logger } from '../logger.js';
import type { MessengerIo } from '../socket/socket-server.js';
import type { Store } from '../store/store.js';
import { realTimers, type Timers } from '../timers.js';

export interface AccessWatchDeps {
  store: Store;
  io: MessengerIo;
  logger: Logger;
  /** The wall clock the log's `at` is written in (prunes rows older than `keepMs`). */
  now: () => number;
  timers?: Timers;
  /** Default 250 ms: a change takes effect on every node well within 1 s. */
  intervalMs?: number;
  /** Told of every changed user (a deleted one is no longer anyone to chat with). */
  changed?: (userId: number) => void;
}

/** At most this many log rows are read per poll; more are read by the next one. */
export const changesPerPoll = 1_000;
/** Log rows are kept this long: a node that was down longer starts from the newest one anyway. */
export const keepMs = 3_600_000;
/** Old rows are pruned every this many polls (once a minute at 250 ms), at most changesPerPoll at a time. */
const pruneEveryPolls = 240;

export class AccessWatch {
  private last = 0;
  private timer: unknown;
  private polling: Promise<void> | undefined;
  private stopped = false;
  private polls = 0;
  private readonly timers: Timers;
  private readonly intervalMs: number;

  constructor(private readonly deps: AccessWatchDeps) {
    this.timers = deps.timers ?? realTimers;
    this.intervalMs = deps.intervalMs ?? 250;
  }

  /** Changes made before now were acted on when they were made (or their sessions are already gone). */
  async start(): Promise<void> {
    try {
      this.last = await this.deps.store.latestAccountChange();
    } catch (error) {
      // From the start of the log instead: re-checking sockets is harmless, missing a change is not.
      this.deps.logger.error('access watch: could not read the newest change; reading the whole log', error);
    }
    this.schedule();
  }

  /** No poll starts after this; resolves once the one in flight, if any, is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    await this.polling;
  }

  private schedule(): void {
    if (this.stopped) return;
    // One poll in flight at a time: the next is set only when this one is done.
    this.timer = this.timers.setTimeout(() => {
      this.polling = this.poll()
        .catch((error: unknown) => this.deps.logger.error('access watch: poll failed', error))
        .finally(() => {
          this.polling = undefined;
          this.schedule();
        });
    }, this.intervalMs);
  }

  private async poll(): Promise<void> {
    const { store } = this.deps;
    const changes = await store.accountChangesAfter(this.last, changesPerPoll);
    if (changes.length > 0) {
      const users = new Set(changes.map((change) => change.userId));
      for (const user of users) this.deps.changed?.(user);
      await this.recheck(users);
      this.last = changes.at(-1)!.id;
    }
    if (++this.polls % pruneEveryPolls === 0) await store.pruneAccountChanges(this.deps.now() - keepMs, changesPerPoll);
  }

  /** Disconnects this node's sockets of these users whose session has ended or whose account is not active. */
  private async recheck(users: Set<number>): Promise<void> {
    const { store, io, logger } = this.deps;
    for (const user of users) {
      const sockets = await io.local.in(userRoom(user)).fetchSockets();
      if (sockets.length === 0) continue;
      // Idle expiry is not an access change: any session still stored counts here.
      for (const socket of sockets) {
        const valid = (await store.findSession(socket.data.tokenHash, 0))?.userId === user;
        if (valid) continue;
        logger.info(`access watch: disconnected socket ${socket.id} of user ${user}`);
        socket.disconnect(true);
      }
    }
  }
}
