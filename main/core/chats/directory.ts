// Node runtime. The people the signed-in user can write to, as last listed, and who of them
// (and of the chats' peers) is online: the presence watch is kept to those, and the renderer
// is told each change of someone's presence once.
import type { User } from '../../../protocol/contract.js';
import type { Chat } from '../../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import { PresenceWatch } from './presence-watch.js';

export interface DirectoryDeps {
  /** Sends `presence:watch`; resolves with the ids the server says are online. */
  watch(ids: number[]): Promise<number[]>;
  presence(change: { id: number; online: boolean }): void;
  /** The chat list as it is now, pinned first. */
  chats(): readonly Chat[];
  logger: Logger;
}

export class Directory {
  private contacts = new Map<number, User>();
  /** What the renderer was last told of each user's presence. */
  private readonly toldOnline = new Map<number, boolean>();
  private readonly presenceWatch: PresenceWatch;

  constructor(private readonly deps: DirectoryDeps) {
    this.presenceWatch = new PresenceWatch({
      send: (ids) => deps.watch(ids),
      answered: (ids, online) => this.answered(ids, online),
      logger: deps.logger,
    });
  }

  get users(): User[] {
    return [...this.contacts.values()];
  }

  /** A new list from the server: the renderer gets it with these states. */
  listed(users: User[]): void {
    this.contacts = new Map(users.map((user) => [user.id, user]));
    for (const user of users) this.toldOnline.set(user.id, user.online);
    this.presenceWatch.want(this.watchedIds());
  }

  /** The chat list changed: its peers come first in the watch. */
  chatsChanged(): void {
    this.presenceWatch.want(this.watchedIds());
  }

  presenceChanged(id: number, online: boolean): void {
    const known = this.contacts.get(id);
    if (known) this.contacts.set(id, { ...known, online });
    this.toldOnline.set(id, online);
    this.deps.presence({ id, online });
  }

  renamed(id: number, name: string): void {
    const known = this.contacts.get(id);
    if (known) this.contacts.set(id, { ...known, name });
  }

  deleted(id: number): void {
    this.contacts.delete(id);
  }

  /** After a (re)connect the server watches nothing for the new socket. */
  resend(): Promise<void> {
    return this.presenceWatch.resend();
  }

  stop(): void {
    this.presenceWatch.stop();
  }

  /**
   * Whose presence to watch: the peers of the chats, newest first, then the directory's contacts
   * (the core does not know which are on screen; the first 1,000 in all are watched).
   */
  private *watchedIds(): Iterable<number> {
    for (const chat of this.deps.chats()) yield chat.who;
    yield* this.contacts.keys();
  }

  /** The watch's answer is the state now: tell the renderer what differs from what it was told. */
  private answered(ids: number[], online: ReadonlySet<number>): void {
    for (const id of ids) {
      const now = online.has(id);
      if (this.toldOnline.get(id) !== now) this.presenceChanged(id, now);
    }
  }
}
