// Server, this node: which of its sockets watch which users' presence (`presence:watch`), and
// the coalesced `presence` events they get. A change costs O(sockets watching that user).
import type { ServerEventPayload } from '../../protocol/contract.js';
import { realTimers, type Timers } from '../timers.js';

export interface PresenceWatchersDeps {
  /** Sends one `presence` event to one of this node's sockets. */
  deliver(socketId: string, event: ServerEventPayload<'presence'>): void;
  /** At most one event per user per socket in this long (default 1 s); 0 sends every change at once. */
  windowMs?: number;
  timers?: Timers;
}

/** What one socket has been told about one watched user. */
interface Watch {
  told: boolean;
  toldAt: number;
  /** The newest state, which a change waiting for the window to end will tell. */
  latest: boolean;
  timer?: unknown;
}

export class PresenceWatchers {
  private readonly bySocket = new Map<string, Map<number, Watch>>();
  private readonly byUser = new Map<number, Set<string>>();
  private readonly windowMs: number;
  private readonly timers: Timers;

  constructor(private readonly deps: PresenceWatchersDeps) {
    this.windowMs = deps.windowMs ?? 1000;
    this.timers = deps.timers ?? realTimers;
  }

  /**
   * Replaces what the socket watches with `ids`; returns those of them online now. The answer
   * counts as the window's report: a change right after it waits for the window, so its event
   * cannot overtake the ack that carries the answer. `isOnline` is cluster-wide.
   */
  watch(socketId: string, ids: readonly number[], isOnline: (user: number) => boolean): number[] {
    const wanted = new Set(ids);
    const watches = this.bySocket.get(socketId) ?? new Map<number, Watch>();
    for (const user of [...watches.keys()]) if (!wanted.has(user)) this.unwatch(socketId, watches, user);
    const now = this.timers.now();
    const online: number[] = [];
    for (const user of wanted) {
      const told = isOnline(user);
      if (told) online.push(user);
      const watch = watches.get(user);
      if (watch) {
        Object.assign(watch, { told, toldAt: now, latest: told });
        continue;
      }
      watches.set(user, { told, toldAt: now, latest: told });
      let sockets = this.byUser.get(user);
      if (!sockets) this.byUser.set(user, (sockets = new Set()));
      sockets.add(socketId);
    }
    if (watches.size > 0) this.bySocket.set(socketId, watches);
    else this.bySocket.delete(socketId);
    return online;
  }

  /** The socket is gone: it watches nothing any more. */
  forget(socketId: string): void {
    const watches = this.bySocket.get(socketId);
    if (!watches) return;
    for (const user of [...watches.keys()]) this.unwatch(socketId, watches, user);
    this.bySocket.delete(socketId);
  }

  /** The user's presence flipped (cluster-wide): tell the sockets watching them. */
  changed(user: number, online: boolean): void {
    const sockets = this.byUser.get(user);
    if (!sockets) return;
    const now = this.timers.now();
    for (const socketId of sockets) {
      const watch = this.bySocket.get(socketId)?.get(user);
      if (!watch) continue;
      watch.latest = online;
      if (watch.timer !== undefined || watch.told === online) continue;
      const wait = watch.toldAt + this.windowMs - now;
      if (wait <= 0) this.tell(socketId, user, watch, online, now);
      else watch.timer = this.timers.setTimeout(() => this.windowEnded(socketId, user), wait);
    }
  }

  /** How many sockets watch the user (for tests of the bookkeeping). */
  watcherCount(user: number): number {
    return this.byUser.get(user)?.size ?? 0;
  }

  /** The last state wins: a flap that ended where it started sends nothing. */
  private windowEnded(socketId: string, user: number): void {
    const watch = this.bySocket.get(socketId)?.get(user);
    if (!watch) return;
    watch.timer = undefined;
    this.tell(socketId, user, watch, watch.latest, this.timers.now());
  }

  private tell(socketId: string, user: number, watch: Watch, online: boolean, now: number): void {
    if (watch.told === online) return;
    watch.told = online;
    watch.toldAt = now;
    this.deps.deliver(socketId, { id: user, online });
  }

  private unwatch(socketId: string, watches: Map<number, Watch>, user: number): void {
    const watch = watches.get(user);
    if (watch?.timer !== undefined) this.timers.clearTimeout(watch.timer);
    watches.delete(user);
    const sockets = this.byUser.get(user);
    sockets?.delete(socketId);
    if (sockets?.size === 0) this.byUser.delete(user);
  }
}
