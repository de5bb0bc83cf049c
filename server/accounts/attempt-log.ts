// Server: when sign-in attempts were made, by kind and key (a name key or a client address), so
// the sign-in limits can count them in a sliding window. This class keeps this node's attempts;
// with several nodes it also keeps the ones the other nodes announced on the cluster channel
// (cluster/cluster-state.ts), batched per event-loop turn, the way the send limit does
// (cluster/cluster-send-limit.ts). An attempt made on another node counts here one turn plus
// one Redis round trip later.

export const attemptKinds = ['loginName', 'loginAddress', 'register'] as const;
export type AttemptKind = (typeof attemptKinds)[number];

/** One attempt: its kind, its key, and when (ms since the epoch on the node that saw it). */
export type AttemptTuple = [kind: AttemptKind, key: string, time: number];
/** Every attempt of that kind and key is forgotten (a successful login clears its name). */
export type ClearTuple = [kind: AttemptKind, key: string];

export interface AttemptBatch {
  added: AttemptTuple[];
  removed: AttemptTuple[];
  cleared: ClearTuple[];
}

/** Longest window any limit looks back over; older attempts are forgotten. */
const keepMs = 15 * 60_000;
const sweepEveryMs = 60_000;

export class AttemptLog {
  /** kind + key → { node ('' for this one), time }. */
  private readonly attempts = new Map<string, Array<{ node: string; time: number }>>();
  private batch: AttemptBatch = { added: [], removed: [], cleared: [] };
  private flushing: NodeJS.Immediate | undefined;
  private sweptAt = -Infinity;

  constructor(
    /** Publishes this node's changes to the other nodes; none on a single node. */
    private readonly announce?: (batch: AttemptBatch) => void,
  ) {}

  /** Times of the attempts of that kind and key after `since`, oldest first, from every node. */
  times(kind: AttemptKind, key: string, since: number): number[] {
    const list = this.attempts.get(slot(kind, key)) ?? [];
    return list
      .map((entry) => entry.time)
      .filter((time) => time > since)
      .sort((a, b) => a - b);
  }

  add(kind: AttemptKind, key: string, time: number): void {
    if (time - this.sweptAt > sweepEveryMs) this.sweep(time);
    this.heardAdd('', kind, key, time);
    this.queue('added', [kind, key, time]);
  }

  /** Takes back one attempt that turned out not to count (it succeeded, or was never tried). */
  remove(kind: AttemptKind, key: string, time: number): void {
    this.heardRemove('', kind, key, time);
    const index = this.batch.added.findLastIndex(([k, s, t]) => k === kind && s === key && t === time);
    if (index >= 0) this.batch.added.splice(index, 1);
    else this.queue('removed', [kind, key, time]);
  }

  clear(kind: AttemptKind, key: string): void {
    this.attempts.delete(slot(kind, key));
    this.batch.added = this.batch.added.filter(([k, s]) => k !== kind || s !== key);
    this.queue('cleared', [kind, key]);
  }

  /** Another node's announcement. */
  heard(node: string, { added, removed, cleared }: AttemptBatch): void {
    for (const [kind, key, time] of added) this.heardAdd(node, kind, key, time);
    for (const [kind, key, time] of removed) this.heardRemove(node, kind, key, time);
    for (const [kind, key] of cleared) this.attempts.delete(slot(kind, key));
  }

  /** Publishes what is waiting for the end of this turn now (before the node leaves). */
  flush(): void {
    clearImmediate(this.flushing);
    this.flushing = undefined;
    const batch = this.batch;
    if (batch.added.length + batch.removed.length + batch.cleared.length === 0) return;
    this.batch = { added: [], removed: [], cleared: [] };
    this.announce?.(batch);
  }

  /** Forgets attempts older than any window, so a spray of names costs no lasting memory. */
  sweep(now: number): void {
    this.sweptAt = now;
    const before = now - keepMs;
    for (const [key, list] of this.attempts) {
      const kept = list.filter((entry) => entry.time > before);
      if (kept.length === 0) this.attempts.delete(key);
      else if (kept.length < list.length) this.attempts.set(key, kept);
    }
  }

  private heardAdd(node: string, kind: AttemptKind, key: string, time: number): void {
    const name = slot(kind, key);
    let list = this.attempts.get(name);
    if (!list) this.attempts.set(name, (list = []));
    list.push({ node, time });
  }

  private heardRemove(node: string, kind: AttemptKind, key: string, time: number): void {
    const list = this.attempts.get(slot(kind, key));
    const index = list?.findLastIndex((entry) => entry.node === node && entry.time === time) ?? -1;
    if (index >= 0) list!.splice(index, 1);
  }

  private queue<K extends keyof AttemptBatch>(what: K, entry: AttemptBatch[K][number]): void {
    if (!this.announce) return;
    (this.batch[what] as Array<AttemptBatch[K][number]>).push(entry);
    this.flushing ??= setImmediate(() => this.flush());
  }
}

function slot(kind: AttemptKind, key: string): string {
  return `${kind}\n${key}`;
}
