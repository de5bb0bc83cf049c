// Every node deletes the sessions idle past --session-idle-days: once at start, then hourly.
// Running on every node is harmless: each statement deletes a bounded batch of what is left.
import type { Logger } from '../logger.js';

export const pruneEveryMs = 60 * 60 * 1000;

export interface Pruning {
  /** Stops the timer and waits for a prune under way (the store can then close). */
  stop(): Promise<void>;
}

/** Resolves once the first prune is done. */
export async function startPruning(prune: () => Promise<number>, logger: Logger): Promise<Pruning> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = prune().then(
      (count) => {
        if (count > 0) logger.info(`ended ${count} idle session(s)`);
      },
      (error: unknown) => logger.error('pruning idle sessions failed', error),
    );
    return running;
  };
  await run();
  const timer = setInterval(() => void run(), pruneEveryMs).unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
