// Test runtime-neutral (Vitest and Playwright alike): pacing many requests on one socket.
import { limits } from '../../protocol/limits.js';

/**
 * Starts `count` requests, keeping at most `pending` unanswered at a time (the server's per-socket
 * cap by default, so none is refused for it); resolves with their results in order.
 */
export async function atMostPending<T>(
  count: number,
  start: (i: number) => Promise<T>,
  pending: number = limits.maxPendingRequestsPerSocket,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await start(i);
  };
  await Promise.all(Array.from({ length: Math.min(pending, count) }, lane));
  return results;
}
