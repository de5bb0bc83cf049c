// Server: list and history reads, a few at a time, and at most one starting per turn of the
// event loop. With SQLite a read runs synchronously: started together (as p-limit starts the
// next when one resolves, or as several timers fire in one phase), a burst of reads would hold
// the loop while other sockets' sends wait. One per turn lets the I/O between them in.
import pLimit from 'p-limit';

export type HeavyReads = <T>(read: () => Promise<T>) => Promise<T>;

export const heavyReadsAtOnce = 4;

export function heavyReads(atOnce = heavyReadsAtOnce): HeavyReads {
  const limit = pLimit(atOnce);
  const waiting: Array<() => void> = [];
  let pumping = false;
  // Lets one waiting read start per turn: setImmediate from inside setImmediate runs on the
  // next turn, after that turn's I/O.
  const pump = () => {
    waiting.shift()?.();
    if (waiting.length > 0) setImmediate(pump);
    else pumping = false;
  };
  const nextTurn = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!pumping) {
        pumping = true;
        setImmediate(pump);
      }
    });
  return (read) =>
    limit(async () => {
      await nextTurn();
      return read();
    });
}
