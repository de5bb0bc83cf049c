// Server, cluster: the events addressed to one user's sockets (message:new, chat:updated,
// chat:deleted) on their way to the other nodes. A send has two (the sender's copy and the
// receiver's differ); through the Socket.IO adapter they cost two Redis publications, each
// decoded by every node holding a socket of that room, the publishing node included (Redis
// echoes it back). Here the events of one event-loop turn travel in ONE publication, and a
// node reads only its header line unless it holds a socket of one of the users named there.
//
// Between nodes only (never seen by clients):
//   `<node id> <user> <user> …\n[[user, event, payload], …]`
// Each node emits the events for its own sockets of each user, in the order they were made;
// the publishing node has already emitted them to its own sockets.
import type { Logger } from '../logger.js';
import { DropReport } from './drop-report.js';

export type UserEvent = 'message:new' | 'chat:updated' | 'chat:deleted';
type Delivery = [user: number, event: UserEvent, payload: unknown];

const userEvents: ReadonlySet<string> = new Set<UserEvent>(['message:new', 'chat:updated', 'chat:deleted']);

/** This node's sockets, by user. */
export interface LocalUsers {
  has(user: number): boolean;
  emit(user: number, event: UserEvent, payload: unknown): void;
}

/** Counted for the cluster tests: what arrived, and how much of it had to be decoded. */
export interface DeliveryCounts {
  published: number;
  received: number;
  decoded: number;
}

export class UserDeliveries {
  readonly counts: DeliveryCounts = { published: 0, received: 0, decoded: 0 };
  private pending: Delivery[] = [];
  private flushing: NodeJS.Immediate | undefined;
  private turnEnd: Promise<void> | undefined;
  private endTurn: (() => void) | undefined;
  private readonly malformed: DropReport;

  constructor(
    private readonly nodeId: string,
    private readonly publish: (message: string) => void,
    private readonly local: LocalUsers,
    logger: Logger,
  ) {
    this.malformed = new DropReport(logger, 'malformed user deliveries');
  }

  /** To this node's sockets of the user at once; to the other nodes with the rest of this turn's. */
  toUser(user: number, event: UserEvent, payload: unknown): void {
    this.local.emit(user, event, payload);
    this.pending.push([user, event, payload]);
    this.flushing ??= setImmediate(() => this.flush());
  }

  /**
   * Resolves once what is pending has been handed to `publish` (at the end of this turn), for an
   * ack to wait on; undefined when nothing is. Under load the sends that complete in one turn
   * share one publication, and so one write to Redis: the write, not the bytes, is the cost.
   */
  published(): Promise<void> | undefined {
    if (this.pending.length === 0) return undefined;
    return (this.turnEnd ??= new Promise<void>((resolve) => (this.endTurn = resolve)));
  }

  /** Publishes what is pending now (at the end of the turn, or before a broadcast that must come after). */
  flush(): void {
    clearImmediate(this.flushing);
    this.flushing = undefined;
    const endTurn = this.endTurn;
    this.turnEnd = this.endTurn = undefined;
    if (this.pending.length === 0) return endTurn?.();
    const batch = this.pending;
    this.pending = [];
    const users = [...new Set(batch.map(([user]) => user))];
    this.counts.published++;
    this.publish(`${this.nodeId} ${users.join(' ')}\n${JSON.stringify(batch)}`);
    endTurn?.();
  }

  /** A publication from Redis: left undecoded unless it names a user with a socket here. */
  receive(message: Buffer): void {
    this.counts.received++;
    const end = message.indexOf(10);
    if (end < 0) return this.malformed.dropped('no header line');
    const [node, ...users] = message.toString('latin1', 0, end).split(' ');
    if (node === this.nodeId || !users.some((user) => this.local.has(Number(user)))) return;
    this.counts.decoded++;
    let batch: unknown;
    try {
      batch = JSON.parse(message.toString('utf8', end + 1));
    } catch {
      return this.malformed.dropped('not JSON');
    }
    if (!Array.isArray(batch)) return this.malformed.dropped('not a list');
    for (const delivery of batch as unknown[]) {
      if (!isDelivery(delivery)) {
        this.malformed.dropped('not a [user, event, payload] delivery');
        continue;
      }
      const [user, event, payload] = delivery;
      if (this.local.has(user)) this.local.emit(user, event, payload);
    }
  }

  /** Publishes what is pending, and stops. */
  stop(): void {
    this.flush();
    this.malformed.stop();
  }
}

function isDelivery(value: unknown): value is Delivery {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    Number.isSafeInteger(value[0]) &&
    typeof value[1] === 'string' &&
    userEvents.has(value[1]) &&
    typeof value[2] === 'object' &&
    value[2] !== null
  );
}
