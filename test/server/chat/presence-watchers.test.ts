// Who hears a user's presence, and how often: the watcher bookkeeping and its one-second
// coalescing, on a clock the test moves.
import { beforeEach, describe, expect, it } from 'vitest';
import { PresenceWatchers } from '../../../server/chat/presence-watchers.js';
import { ManualTimers } from '../../support/manual-timers.js';

describe('PresenceWatchers', () => {
  let timers: ManualTimers;
  let watchers: PresenceWatchers;
  let sent: Array<[string, number, boolean]>;
  const online = new Set<number>();
  const isOnline = (user: number) => online.has(user);
  /** Flips the user as Presence would, and tells the watchers. */
  const flip = (user: number, now: boolean) => {
    if (now) online.add(user);
    else online.delete(user);
    watchers.changed(user, now);
  };

  beforeEach(() => {
    timers = new ManualTimers();
    sent = [];
    online.clear();
    watchers = new PresenceWatchers({
      deliver: (socketId, { id, online }) => sent.push([socketId, id, online]),
      timers,
    });
  });

  it('tells only the sockets watching the user, and answers who of them is online', () => {
    online.add(2);
    expect(watchers.watch('a', [1, 2, 3], isOnline)).toEqual([2]);
    watchers.watch('b', [3], isOnline);
    timers.advance(1000);
    flip(1, true);
    flip(4, true);
    expect(sent).toEqual([['a', 1, true]]);
  });

  it('replaces the set: users left out are no longer watched', () => {
    watchers.watch('a', [1, 2], isOnline);
    watchers.watch('a', [2, 3], isOnline);
    expect([1, 2, 3].map((user) => watchers.watcherCount(user))).toEqual([0, 1, 1]);
    timers.advance(1000);
    flip(1, true);
    flip(3, true);
    expect(sent).toEqual([['a', 3, true]]);
    watchers.watch('a', [], isOnline);
    expect(watchers.watcherCount(2) + watchers.watcherCount(3)).toBe(0);
  });

  it('sends at most one event per user per second per socket, ending on the last state', () => {
    watchers.watch('a', [1], isOnline);
    timers.advance(1000);
    flip(1, true);
    flip(1, false);
    flip(1, true);
    flip(1, false);
    expect(sent).toEqual([['a', 1, true]]);
    timers.advance(999);
    expect(sent).toHaveLength(1);
    timers.advance(1);
    expect(sent).toEqual([
      ['a', 1, true],
      ['a', 1, false],
    ]);
    expect(timers.waiting).toBe(0);
  });

  it('sends nothing for a flap that ends where the socket was last told', () => {
    watchers.watch('a', [1], isOnline);
    timers.advance(1000);
    flip(1, true);
    flip(1, false);
    flip(1, true);
    timers.advance(1000);
    expect(sent).toEqual([['a', 1, true]]);
  });

  it('counts the answer as the report of its window, so no event overtakes it', () => {
    expect(watchers.watch('a', [1], isOnline)).toEqual([]);
    flip(1, true);
    expect(sent).toEqual([]);
    timers.advance(1000);
    expect(sent).toEqual([['a', 1, true]]);
  });

  it('coalesces each socket on its own', () => {
    watchers.watch('a', [1], isOnline);
    timers.advance(600);
    watchers.watch('b', [1], isOnline);
    timers.advance(400);
    flip(1, true);
    expect(sent).toEqual([['a', 1, true]]);
    timers.advance(600);
    expect(sent).toEqual([
      ['a', 1, true],
      ['b', 1, true],
    ]);
  });

  it('forgets a socket that is gone, pending changes included', () => {
    watchers.watch('a', [1, 2], isOnline);
    flip(1, true);
    expect(timers.waiting).toBe(1);
    watchers.forget('a');
    expect(timers.waiting).toBe(0);
    expect(watchers.watcherCount(1) + watchers.watcherCount(2)).toBe(0);
    timers.advance(1000);
    flip(2, true);
    expect(sent).toEqual([]);
  });

  it('sends every change at once with a window of 0', () => {
    watchers = new PresenceWatchers({
      deliver: (socketId, { id, online }) => sent.push([socketId, id, online]),
      windowMs: 0,
      timers,
    });
    watchers.watch('a', [1], isOnline);
    flip(1, true);
    flip(1, false);
    expect(sent).toEqual([
      ['a', 1, true],
      ['a', 1, false],
    ]);
  });
});
