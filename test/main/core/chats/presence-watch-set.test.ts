// PresenceWatch on its own: the set it sends is capped at the server's limit, sent once after a
// burst of changes, not again while unchanged, and in full after a reconnect.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PresenceWatch } from '../../../../main/core/chats/presence-watch.js';
import { failure } from '../../../../main/core/failure.js';
import { capturedLog } from '../log/captured-log.js';

describe('PresenceWatch', () => {
  let sent: number[][];
  let answers: Array<[number[], number[]]>;
  let refuse: Error | undefined;
  let log: ReturnType<typeof capturedLog>;
  let watch: PresenceWatch;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    answers = [];
    refuse = undefined;
    log = capturedLog();
    watch = new PresenceWatch({
      send: async (ids) => {
        if (refuse) throw refuse;
        sent.push(ids);
        return ids.filter((id) => id % 2 === 0);
      },
      answered: (ids, online) => answers.push([ids, [...online]]),
      logger: log.logger,
      debounceMs: 300,
    });
  });
  afterEach(() => vi.useRealTimers());

  it('sends once after a burst, without repeats, and not again while the set is the same', async () => {
    watch.want([3, 1, 3]);
    watch.want([3, 1, 2, 2]);
    await vi.advanceTimersByTimeAsync(299);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([[3, 1, 2]]);
    expect(answers).toEqual([[[3, 1, 2], [2]]]);
    watch.want([3, 1, 2]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(1);
  });

  it('keeps the first 1,000 ids', async () => {
    watch.want(Array.from({ length: 1500 }, (_, i) => i + 1));
    await vi.advanceTimersByTimeAsync(300);
    expect(sent[0]).toHaveLength(1000);
    expect(sent[0]!.at(-1)).toBe(1000);
  });

  it('sends the same set again at once after a reconnect', async () => {
    watch.want([5]);
    await vi.advanceTimersByTimeAsync(300);
    await watch.resend();
    expect(sent).toEqual([[5], [5]]);
  });

  it('logs a refusal (an older server) and carries on; offline is left to the next connect', async () => {
    refuse = failure('offline', 'Not connected to the server.');
    watch.want([5]);
    await vi.advanceTimersByTimeAsync(300);
    expect(log.at('error').concat(log.at('warn'))).toEqual([]);
    refuse = failure('bad_request', 'Unknown request "presence:watch".');
    await expect(watch.resend()).resolves.toBeUndefined();
    expect(log.lines.join('\n')).toMatch(/watching presence/);
    refuse = undefined;
    await watch.resend();
    expect(sent).toEqual([[5]]);
  });
});
