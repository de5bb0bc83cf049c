// Node runtime (the bench). Whether an S2 row's server kept up with the load it was offered:
// a latency read off a growing queue says nothing, so such a row reports this instead.
import type { LoadSnapshot } from './ipc.js';
import { fmt } from './report.js';

/**
 * Sends offered, answered (acked or refused) and delivered per second from the start of the
 * first window to the end of the last, and the sends awaiting their ack at both ends.
 */
export interface Capacity {
  offeredPerSecond: number;
  acknowledgedPerSecond: number;
  deliveredPerSecond: number;
  backlogAtStart: number;
  backlogAtEnd: number;
  /** Why the load exceeded what the server sustains (acks or deliveries fell behind), or null. */
  over: string | null;
}

/**
 * How far the acks (and the peers' deliveries) may fall behind the offered sends over the
 * measured windows before the row counts as over capacity: 3 % of those sends, and at least a
 * quarter second of them. With the server keeping up, the sends in flight stay at rate ×
 * latency (tens at 2,000/s and a few ms), a fraction of a per cent of the windows' sends; when it
 * does not, the backlog grows for the whole window.
 */
export const overCapacityShare = 0.03;
export const overCapacityMinSeconds = 0.25;

/** The load generator's running counts of sends and their outcomes. */
export type SendCounts = Pick<LoadSnapshot, 'sent' | 'acked' | 'failed' | 'delivered'>;

/** The sends not yet done with: awaiting their ack or, acked, their delivery to the peer. */
export function backlogOf(x: SendCounts): number {
  return Math.max(x.sent - x.acked - x.failed, x.sent - x.failed - x.delivered, 0);
}

/**
 * Whether a paced load runs in its steady state: its backlog is within the allowance of a row
 * that keeps up (a quarter second of the offered sends). A server just started is slower for its
 * first seconds (code not yet optimised, first statements on each connection) and its backlog
 * drains only then.
 */
export function isSteady(x: SendCounts, offeredPerSecond: number): boolean {
  return backlogOf(x) <= overCapacityMinSeconds * offeredPerSecond;
}

export function capacityOf(windows: Array<{ load: [LoadSnapshot, LoadSnapshot] }>): Capacity {
  const first = windows[0]!.load[0];
  const last = windows.at(-1)!.load[1];
  const seconds = (last.at - first.at) / 1000;
  const answered = (x: LoadSnapshot) => x.acked + x.failed;
  const sent = last.sent - first.sent;
  const acknowledged = answered(last) - answered(first);
  const delivered = last.delivered - first.delivered;
  const rate = (n: number) => n / seconds;
  const allowed = Math.max(overCapacityShare * sent, overCapacityMinSeconds * rate(sent));
  const behind = (n: number) => sent - n > allowed;
  const over = behind(acknowledged)
    ? `over capacity: offered ${fmt(rate(sent))}/s, acknowledged ${fmt(rate(acknowledged))}/s`
    : behind(delivered)
      ? `over capacity: offered ${fmt(rate(sent))}/s, acknowledged ${fmt(rate(acknowledged))}/s, delivered ${fmt(rate(delivered))}/s`
      : null;
  return {
    offeredPerSecond: rate(sent),
    acknowledgedPerSecond: rate(acknowledged),
    deliveredPerSecond: rate(delivered),
    backlogAtStart: first.sent - answered(first),
    backlogAtEnd: last.sent - answered(last),
    over,
  };
}
