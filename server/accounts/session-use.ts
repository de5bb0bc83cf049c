// When a session's use is written down: at most once per 10 minutes per session, so most
// requests and connections write nothing. What this node last wrote is noted in memory; the
// stored last use (read with the session) covers what other nodes wrote.

/** A session's last use is written at most this often. */
export const touchEveryMs = 10 * 60 * 1000;

/** Notes kept at most; beyond, the oldest go (their next use then writes once more). */
const maxNotes = 100_000;

export class SessionUse {
  private readonly touched = new Map<string, number>();

  /** Is a write of this use due? If so, it is noted as written. */
  due(tokenHash: string, storedLastUse: number, now: number): boolean {
    const last = Math.max(storedLastUse, this.touched.get(tokenHash) ?? -Infinity);
    if (now - last < touchEveryMs) return false;
    this.touched.delete(tokenHash);
    this.touched.set(tokenHash, now);
    if (this.touched.size > maxNotes) this.touched.delete(this.touched.keys().next().value!);
    return true;
  }

  forget(tokenHash: string): void {
    this.touched.delete(tokenHash);
  }
}
