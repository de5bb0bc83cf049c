// Server: list and history reads, a few at a time, each on a turn of its own. With SQLite a read
// runs synchronously; without the turn, one read finishing would start the next in the same
// microtask chain, and a burst of reads would hold the event loop while sends wait.
import pLimit from 'p-limit';

export type HeavyReads = <T>(read: () => Promise<T>) => Promise<T>;

export const heavyReadsAtOnce = 4;

export function heavyReads(atOnce = heavyReadsAtOnce): HeavyReads {
  const limit = pLimit(atOnce);
  return (read) =>
    limit(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return read();
    });
}
