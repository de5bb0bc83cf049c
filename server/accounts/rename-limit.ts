// At most limits.renamesPerHour renames per user in any hour (on this node): each rename is
// announced to every peer of the user, so the limit bounds that fan-out.
import { ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';

const hourMs = 60 * 60 * 1000;

export class RenameLimit {
  private readonly renames = new Map<number, number[]>();

  constructor(private readonly now: () => number) {}

  /** Counts one rename of the user, or throws rate_limited when the hour's are spent. */
  take(userId: number): void {
    const now = this.now();
    const recent = (this.renames.get(userId) ?? []).filter((at) => at > now - hourMs);
    if (recent.length >= limits.renamesPerHour) {
      const retryAfterMs = recent[0]! + hourMs - now;
      throw new ProtocolError(
        'rate_limited',
        `You can change your name ${limits.renamesPerHour} times an hour; try again in ${Math.ceil(retryAfterMs / 60_000)} min.`,
        retryAfterMs,
      );
    }
    recent.push(now);
    this.renames.set(userId, recent);
    this.prune(now);
  }

  /** Drops users whose renames are all older than an hour, so the map stays small. */
  private prune(now: number): void {
    if (this.renames.size < 10_000) return;
    for (const [userId, times] of this.renames) {
      if (times.every((at) => at <= now - hourMs)) this.renames.delete(userId);
    }
  }
}
