// Server: every minute, uploads never attached for a day are expired (their blobs go to the
// trash in the same transaction), then the trashed blobs' bytes are deleted and forgotten. Each
// round is bounded; a blob whose delete fails stays in the trash for the next round. Every node
// sweeps: deletes and forgets are idempotent, so two nodes sweeping at once is harmless.
import { limits } from '../../protocol/limits.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { BlobStore } from './blob-store.js';

export const sweepEveryMs = 60 * 1000;
export const expiresPerRound = 500;
export const trashPageSize = 100;
export const trashPagesPerRound = 10;

export interface SweeperDeps {
  store: Store;
  blobs: BlobStore;
  logger: Logger;
  now: () => number;
  /** Told after each timed round, with what it did (tests wait on it). */
  onRound?: (result: SweepResult | 'failed') => void;
}

export interface SweepResult {
  expired: number;
  deleted: number;
}

export interface Sweeper {
  /** Stops the timer and waits for a round under way (the stores can then close). */
  stop(): Promise<void>;
}

export function startSweeper(deps: SweeperDeps): Sweeper {
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = sweep(deps).then(
      (result) => deps.onRound?.(result),
      (error: unknown) => {
        deps.logger.error('sweeping files failed', error);
        deps.onRound?.('failed');
      },
    );
  };
  const timer = setInterval(round, sweepEveryMs).unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

/** One round: what it expired and deleted. */
export async function sweep({ store, blobs, logger, now }: SweeperDeps): Promise<SweepResult> {
  const expired = await store.expireUploads(now() - limits.unattachedUploadTtlMs, expiresPerRound);
  if (expired > 0) logger.info(`expired ${expired} upload(s) never attached`);
  const failed = new Set<string>();
  let deleted = 0;
  for (let page = 0; page < trashPagesPerRound; page++) {
    // Oldest first: the ones that failed this round come back first; skip them until next round.
    const keys = (await store.trashedBlobs(trashPageSize + failed.size)).filter((key) => !failed.has(key));
    if (keys.length === 0) break;
    const gone: string[] = [];
    for (const key of keys.slice(0, trashPageSize)) {
      try {
        await blobs.delete(key);
        gone.push(key);
      } catch (error) {
        failed.add(key);
        logger.error(`deleting blob ${key} failed; trying again next round`, error);
      }
    }
    if (gone.length > 0) await store.forgetTrashedBlobs(gone);
    deleted += gone.length;
  }
  if (deleted > 0) logger.debug(`deleted ${deleted} trashed blob(s)`);
  return { expired, deleted };
}
