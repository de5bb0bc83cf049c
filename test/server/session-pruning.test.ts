// Idle sessions are pruned at start and then every hour, one prune at a time, until stopped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pruneEveryMs, startPruning } from '../../server/accounts/session-pruning.js';
import { silentLogger, type Logger } from '../../server/logger.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('session pruning', () => {
  it('prunes at start, then once an hour, and not after stop', async () => {
    vi.useFakeTimers();
    let prunes = 0;
    const pruning = await startPruning(async () => {
      prunes++;
      return 0;
    }, silentLogger);
    expect(prunes).toBe(1);
    await vi.advanceTimersByTimeAsync(pruneEveryMs - 1);
    expect(prunes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(prunes).toBe(2);
    await vi.advanceTimersByTimeAsync(pruneEveryMs);
    expect(prunes).toBe(3);
    await pruning.stop();
    await vi.advanceTimersByTimeAsync(3 * pruneEveryMs);
    expect(prunes).toBe(3);
  });

  it('logs a failed prune and keeps pruning every hour', async () => {
    vi.useFakeTimers();
    const errors: string[] = [];
    const logger: Logger = { ...silentLogger, error: (message: string) => void errors.push(message) };
    let prunes = 0;
    const pruning = await startPruning(async () => {
      prunes++;
      if (prunes === 1) throw new Error('database away');
      return 3;
    }, logger);
    expect(errors).toEqual(['pruning idle sessions failed']);
    await vi.advanceTimersByTimeAsync(pruneEveryMs);
    expect(prunes).toBe(2);
    await pruning.stop();
  });

  it('stop waits for a prune under way', async () => {
    vi.useFakeTimers();
    let finish = (): void => {};
    let prunes = 0;
    const pruning = await startPruning(() => {
      prunes++;
      if (prunes === 1) return Promise.resolve(0);
      return new Promise<number>((resolve) => (finish = () => resolve(0)));
    }, silentLogger);
    await vi.advanceTimersByTimeAsync(pruneEveryMs);
    expect(prunes).toBe(2);
    let stopped = false;
    const stopping = pruning.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });
});
