// Node runtime. Whose presence the core watches (presence:watch, docs/protocol.md 6.10): the
// server holds the set per socket, so it is sent again after every reconnect, and a moment
// after it changes (a chat list changes with every message; most changes leave the set as is).
import { limits } from '../../../protocol/limits.js';
import { isOffline } from '../failure.js';
import type { Logger } from '../log/logger.js';

export interface PresenceWatchDeps {
  /** Sends `presence:watch`; resolves with the ids the server says are online. */
  send(ids: number[]): Promise<number[]>;
  /** The server answered: of `ids`, those in `online` are online and the rest are not. */
  answered(ids: number[], online: ReadonlySet<number>): void;
  logger: Logger;
  debounceMs?: number;
}

export class PresenceWatch {
  private wanted: number[] = [];
  /** The set the server holds for this socket, as a key; undefined after a reconnect. */
  private held: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: PresenceWatchDeps) {}

  /** The users to watch, most wanted first; past the server's limit the rest are left out. */
  want(ids: Iterable<number>): void {
    const wanted = new Set<number>();
    for (const id of ids) {
      if (wanted.size === limits.presenceWatchMaxIds) break;
      wanted.add(id);
    }
    this.wanted = [...wanted];
    clearTimeout(this.timer);
    if (keyOf(this.wanted) === this.held) return;
    this.timer = setTimeout(() => void this.send(), this.deps.debounceMs ?? 300);
  }

  /** After a (re)connect the server holds nothing for the new socket: send at once. */
  async resend(): Promise<void> {
    clearTimeout(this.timer);
    this.held = undefined;
    await this.send();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private async send(): Promise<void> {
    const ids = this.wanted;
    try {
      const online = await this.deps.send(ids);
      this.held = keyOf(ids);
      this.deps.answered(ids, new Set(online));
    } catch (error) {
      // Offline: the next connect sends the set. Presence is a nicety: an older server without
      // presence:watch must not stop the rest.
      if (isOffline(error)) return;
      this.deps.logger.caught('watching presence', error);
    }
  }
}

function keyOf(ids: number[]): string {
  return ids.join(',');
}
