// The send limit across server nodes. Each node admits sends synchronously against its own
// sliding window (the plain SendLimit, inside the store's send transaction) and also counts
// the sends the other nodes admitted: every node announces the sends it admitted (user and
// time) on the cluster channel, batched per event-loop turn, and gives back, the same way, the
// slots of sends that failed to be stored. So a user whose devices sit on several nodes gets
// the configured rate in total.
//
// Window: a send admitted on node A counts on node B from A's next event-loop turn plus one
// Redis round trip (well under a millisecond on a LAN). Sends that B admits for the same user
// inside that interval are judged without it, so simultaneous bursts on several nodes can go
// over by what they admit in that interval; sends that follow each other (a client waiting for
// its ack) cannot. Times are the admitting node's clock, so node clocks should agree (NTP).
// A node that has just (re)joined the channel hears only what is admitted from then on.
import { SendLimit } from '../chat/send-limit.js';

/** A send: who, and when (ms since the epoch on the node that admitted it). */
export type SendTuple = [user: number, time: number];

export class ClusterSendLimit extends SendLimit {
  /** user → sends other nodes admitted and have not given back. */
  private readonly remote = new Map<number, Array<{ node: string; time: number }>>();
  private batch: { sent: SendTuple[]; refunded: SendTuple[] } = { sent: [], refunded: [] };
  private flushing: NodeJS.Immediate | undefined;

  constructor(
    perWindow: number,
    /** Publishes a batch on the cluster channel. */
    private readonly announce: (sent: SendTuple[], refunded: SendTuple[]) => void,
    windowMs?: number,
  ) {
    super(perWindow, windowMs);
  }

  /** Another node's announcement. */
  heard(node: string, sent: SendTuple[], refunded: SendTuple[]): void {
    if (this.perWindow === 0) return;
    for (const [user, time] of sent) {
      let list = this.remote.get(user);
      if (!list) this.remote.set(user, (list = []));
      list.push({ node, time });
    }
    for (const [user, time] of refunded) {
      const list = this.remote.get(user);
      const index = list?.findLastIndex((entry) => entry.node === node && entry.time === time) ?? -1;
      if (index >= 0) list!.splice(index, 1);
    }
  }

  /** Publishes what is waiting for the end of this turn now (before the node leaves). */
  flush(): void {
    clearImmediate(this.flushing);
    this.flushing = undefined;
    const { sent, refunded } = this.batch;
    if (sent.length === 0 && refunded.length === 0) return;
    this.batch = { sent: [], refunded: [] };
    this.announce(sent, refunded);
  }

  /** Forgets other nodes' sends that have left the window (on the cluster heartbeat). */
  prune(now: number): void {
    this.sweep(now);
  }

  protected override othersSent(user: number, since: number): number[] {
    return (this.remote.get(user) ?? []).filter((entry) => entry.time > since).map((entry) => entry.time);
  }

  protected override admitted(user: number, time: number): void {
    this.batch.sent.push([user, time]);
    this.schedule();
  }

  protected override refunded(user: number, time: number): void {
    // Still in this turn's batch: the others never hear of it.
    const index = this.batch.sent.findLastIndex(([u, t]) => u === user && t === time);
    if (index >= 0) this.batch.sent.splice(index, 1);
    else {
      this.batch.refunded.push([user, time]);
      this.schedule();
    }
  }

  protected override sweep(now: number): void {
    super.sweep(now);
    const before = now - 2 * this.windowMs;
    for (const [user, list] of this.remote) {
      const kept = list.filter((entry) => entry.time > before);
      if (kept.length === 0) this.remote.delete(user);
      else if (kept.length < list.length) this.remote.set(user, kept);
    }
  }

  private schedule(): void {
    this.flushing ??= setImmediate(() => this.flush());
  }
}
