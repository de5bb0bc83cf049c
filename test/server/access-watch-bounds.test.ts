// The access watch's bounds, with its store and Socket.IO server stubbed: one poll in flight at a
// time, at most 1,000 log rows per poll, and old rows pruned a bounded number at a time.
import { expect, it } from 'vitest';
import { AccessWatch, changesPerPoll, keepMs } from '../../server/accounts/access-watch.js';
import { silentLogger } from '../../server/logger.js';
import type { MessengerIo } from '../../server/socket/socket-server.js';
import type { AccountChange, Store } from '../../server/store/store.js';
import { ManualTimers } from '../support/manual-timers.js';

function stubs() {
  const reads: Array<{ after: number; count: number; answer: (changes: AccountChange[]) => void }> = [];
  const prunes: Array<[number, number]> = [];
  const store = {
    latestAccountChange: async () => 41,
    accountChangesAfter: (after: number, count: number) =>
      new Promise<AccountChange[]>((answer) => reads.push({ after, count, answer })),
    pruneAccountChanges: async (before: number, count: number) => {
      prunes.push([before, count]);
      return 0;
    },
    getAccount: async () => null,
    findSession: async () => null,
  } as unknown as Store;
  const looked: string[] = [];
  const io = {
    local: { in: (room: string) => ({ fetchSockets: async () => (looked.push(room), []) }) },
  } as unknown as MessengerIo;
  return { store, io, reads, prunes, looked };
}

it('polls one at a time from the newest change, at most 1,000 rows each, and prunes rows older than an hour', async () => {
  const timers = new ManualTimers();
  const { store, io, reads, prunes, looked } = stubs();
  const watch = new AccessWatch({ store, io, logger: silentLogger, now: () => 10_000_000, timers });
  await watch.start();
  timers.advance(250);
  expect(reads.map(({ after, count }) => [after, count])).toEqual([[41, changesPerPoll]]);
  // While that read is unanswered, no other poll starts however long it takes.
  timers.advance(10_000);
  expect(reads).toHaveLength(1);

  const next = timers.nextTimer();
  reads[0]!.answer([
    { id: 42, userId: 7 },
    { id: 43, userId: 7 },
    { id: 44, userId: 8 },
  ]);
  await next;
  expect(looked).toEqual(['user:7', 'user:8']);
  timers.advance(250);
  expect(reads[1]!.after).toBe(44);

  // Every 240th poll also prunes.
  for (let poll = 2; poll <= 240; poll++) {
    const scheduled = timers.nextTimer();
    reads.at(-1)!.answer([]);
    await scheduled;
    if (poll < 240) timers.advance(250);
  }
  expect(reads).toHaveLength(240);
  expect(prunes).toEqual([[10_000_000 - keepMs, changesPerPoll]]);
  await watch.stop();
  timers.advance(1_000);
  expect(reads).toHaveLength(240);
});
