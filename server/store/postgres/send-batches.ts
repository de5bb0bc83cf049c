// Server, PostgreSQL store: group commit for plain text sends (no files, no reply). The sends that
// arrive while a batch is being written are written together in the next one, in one round trip
// whatever its size: one call of migration 14's write_sends, in its own transaction, which takes
// the senders' locks, leaves out the sends already stored and writes the rest.
//
// Each send keeps its own outcome: a repeat (stored before, or earlier in the same batch) answers
// the first copy and keeps no slot of the send limit, and a refused send writes nothing while the
// others are stored. The send limit is asked before the call, of every send but a repeat within
// the batch: a repeat of a send stored before is known only once write_sends leaves it out, and
// its slot is given back then (admittedSend). A refused send of a sender whose repeat held a slot
// is judged again in the next batch, so a repeat never costs another send its slot. Only an error
// of the database (a lost connection, say) fails the batch, and then every send in it.
import type { Message } from '../../../protocol/contract.js';
import type { NewMessage, SendJudgement, SendOutcome } from '../store.js';
import { storedSend, toMessage, type AppendedRow, type MessageRow } from '../sql/rows.js';
import type { Connections } from './connections.js';
import type { PostgresFiles } from './files.js';
import { senderLockKey, senderLockSpace } from './message-writes.js';
import { statement } from './statements.js';

/** The most sends one transaction writes; what does not fit goes in the next. */
export const maxBatchSends = 256;

/**
 * Batches written at once. Every batch takes its senders' locks, then its records', each in key
 * order, so two cannot deadlock; a sender with a send in a batch being written waits for the
 * next, so each sender's sends are stored in the order made. With one round trip per batch, two
 * in flight measured the same throughput as one (S1·2 nodes) and half the delivery latency at
 * 1,800 sends/s (S2·2 nodes, p50 7.5–10 ms against 12–20 ms): a send waits for no commit but its own.
 */
export const batchesInFlight = 2;

interface Pending {
  message: NewMessage;
  judge: SendJudgement;
  resolve: (outcome: SendOutcome) => void;
  reject: (error: unknown) => void;
  outcome: Promise<SendOutcome>;
}

/** What write_sends returns for one send written: its place in the call, the sender's record (s_), the receiver's (r_). */
interface SentRow {
  send_index: number;
  sent_id: number;
  from_name: string;
  to_name: string;
  [column: string]: unknown;
}

const record = (row: SentRow, side: 's' | 'r'): AppendedRow =>
  ({
    id: row[`${side}_id`],
    unread: row[`${side}_unread`],
    last_seq: row[`${side}_last_seq`],
    pinned_at: row[`${side}_pinned_at`],
    muted: row[`${side}_muted`],
    marked_unread: row[`${side}_marked_unread`],
    peer_read_id: row[`${side}_peer_read_id`],
  }) as AppendedRow;

/** A send's (sender, clientId), which a repeat shares with the send it repeats. */
const sendKey = (from: number, clientId: string) => `${from}\n${clientId}`;

/** A send the batch path takes: text only, to someone else. */
export function isPlainSend(message: NewMessage): boolean {
  return (message.attachments ?? []).length === 0 && message.replyTo === undefined && message.from !== message.to;
}

export class SendBatches {
  private queue: Pending[] = [];
  /** The batches being written. */
  private readonly writing = new Set<Pending[]>();
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  /** Senders with a send in a batch being written. */
  private readonly busy = new Set<number>();
  /** Transactions committed so far; under load this grows slower than the sends. */
  batches = 0;

  constructor(
    private readonly db: Connections,
    private readonly files: PostgresFiles,
    private readonly maxBatch = maxBatchSends,
    private readonly maxInFlight = batchesInFlight,
  ) {}

  send(message: NewMessage, judge: SendJudgement): Promise<SendOutcome> {
    if (!Number.isSafeInteger(message.from)) return Promise.reject(new RangeError(`not a user id: ${message.from}`));
    let settle!: Pick<Pending, 'resolve' | 'reject'>;
    const outcome = new Promise<SendOutcome>((resolve, reject) => (settle = { resolve, reject }));
    this.queue.push({ message, judge, ...settle, outcome });
    this.schedule();
    // The sender's later sends join the queue behind this one and are written after it (take()).
    judge.queued?.();
    return outcome;
  }

  /**
   * Resolves once every send of `from` queued so far has its outcome: a write of theirs outside
   * the batches waits for it, so it takes effect after the sends made before it.
   */
  async settled(from: number): Promise<void> {
    const unsettled = [...this.queue, ...[...this.writing].flat()].filter((send) => send.message.from === from);
    await Promise.allSettled(unsettled.map((send) => send.outcome));
  }

  /** Resolves once every send queued so far has its outcome. */
  async drain(): Promise<void> {
    if (this.queue.length === 0 && this.writing.size === 0 && !this.scheduled) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** The first send of an idle path waits for the rest of this turn's sends (setImmediate). */
  private schedule(): void {
    if (!this.canStart() || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.next();
    });
  }

  private canStart(): boolean {
    return this.writing.size < this.maxInFlight;
  }

  private async next(): Promise<void> {
    if (!this.canStart()) return;
    const batch = this.take();
    if (batch.length === 0) {
      if (this.writing.size === 0 && !this.scheduled) for (const wake of this.idleWaiters.splice(0)) wake();
      return;
    }
    this.writing.add(batch);
    if (this.queue.length > 0) this.schedule();
    let judgedAgain = false;
    try {
      const outcomes = await this.write(batch);
      this.batches++;
      const again: Pending[] = [];
      batch.forEach((send, i) => {
        const outcome = outcomes[i];
        if (outcome === undefined) again.push(send);
        else if (outcome instanceof Error) send.reject(outcome);
        else send.resolve(outcome);
      });
      // Before the sends that came after them (each sender's sends stay in the order made).
      this.queue.unshift(...again);
      judgedAgain = again.length > 0;
    } catch (error) {
      for (const send of batch) send.reject(error);
    } finally {
      this.writing.delete(batch);
      for (const { message } of batch) this.busy.delete(message.from);
    }
    // The sends that came in meanwhile are the next batch, at once; more wait for the next turn. A
    // send judged again waits for the turn after the slots given back (as its batch's outcomes settle).
    if (!judgedAgain) void this.next();
    if (this.queue.length > 0) this.schedule();
  }

  /** The queued sends of senders not being written, in order, up to a batch. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const send of this.queue) {
      if (batch.length < this.maxBatch && !this.busy.has(send.message.from)) batch.push(send);
      else rest.push(send);
    }
    if (batch.length === 0) return batch;
    this.queue = rest;
    for (const { message } of batch) this.busy.add(message.from);
    return batch;
  }

  /**
   * Each send's outcome; undefined for a refused send to be judged again (its sender's repeat held
   * a slot that is given back once the outcome is out).
   */
  private async write(batch: Pending[]): Promise<Array<SendOutcome | Error | undefined>> {
    const outcomes: Array<SendOutcome | Error | undefined> = [];
    /** Sends to write, and for a repeat inside the batch the index of the send it repeats. */
    const writes: number[] = [];
    const repeats = new Map<number, number>();
    const refused: number[] = [];
    const keys = batch.map(({ message }) => sendKey(message.from, message.clientId));
    const admittedKeys = new Map<string, number>();
    batch.forEach(({ judge }, i) => {
      const key = keys[i]!;
      const earlier = admittedKeys.get(key);
      if (earlier !== undefined) return void repeats.set(i, earlier);
      try {
        if (!judge.admit()) return void refused.push(i);
      } catch (error) {
        return void (outcomes[i] = error instanceof Error ? error : new Error(String(error)));
      }
      admittedKeys.set(key, i);
      writes.push(i);
    });
    // Viewing is judged (synchronously) just before the batch goes out.
    const viewing = writes.map((i) => {
      try {
        return batch[i]!.judge.receiverViewing();
      } catch {
        return false;
      }
    });
    const sends = writes.map((i) => batch[i]!.message);
    const rows =
      writes.length === 0
        ? []
        : await this.db.query<SentRow>(
            statement('writeSends', [
              senderLockSpace,
              [...new Set(sends.map((m) => senderLockKey(m.from)))].sort((a, b) => a - b),
              sends.map((m) => m.from),
              sends.map((m) => m.to),
              sends.map((m) => m.clientId),
              sends.map((m) => Buffer.from(m.content, 'utf8')),
              sends.map((m) => m.date),
              viewing,
            ]),
          );
    for (const row of rows) {
      const i = writes[Number(row.send_index) - 1];
      if (i === undefined) throw new Error(`write_sends answered send ${row.send_index} of ${writes.length}`);
      const message = batch[i]!.message;
      const records = { sender: record(row, 's'), receiver: record(row, 'r') };
      outcomes[i] = storedSend({ ...message, id: row.sent_id }, { from: row.from_name, to: row.to_name }, records);
    }
    // Sends left out by write_sends were stored before the batch. A refused send is answered by its
    // first copy stored before the batch, if any: one a later send of the batch stored came after it.
    const storedBefore = writes.filter((i) => outcomes[i] === undefined);
    if (storedBefore.length > 0 || refused.length > 0) {
      /** Refused sends whose (sender, clientId) a later send of this batch stored. */
      const storedByLater = new Set(
        refused.filter((i) => {
          const admitted = admittedKeys.get(keys[i]!);
          return admitted !== undefined && outcomes[admitted] !== undefined;
        }),
      );
      const looked = [...storedBefore, ...refused.filter((i) => !storedByLater.has(i))];
      const firsts = looked.length === 0 ? new Map<string, Message>() : await this.firstCopies(batch, looked);
      /** Senders whose repeat took a slot, given back once its outcome is out. */
      const slotHeld = new Set<number>();
      for (const i of storedBefore) {
        const first = firsts.get(keys[i]!);
        outcomes[i] = first
          ? { kind: 'duplicate', first }
          : new Error(`write_sends neither wrote nor found send ${batch[i]!.message.clientId}`);
        slotHeld.add(batch[i]!.message.from);
      }
      for (const i of refused) {
        const first = firsts.get(keys[i]!);
        if (first) outcomes[i] = { kind: 'duplicate', first };
        // Judged again in a later turn, once the repeat's slot is given back.
        else if (storedByLater.has(i) || !slotHeld.has(batch[i]!.message.from)) outcomes[i] = { kind: 'refused' };
      }
    }
    for (const [i, earlier] of repeats) {
      const first = outcomes[earlier];
      outcomes[i] =
        first === undefined || first instanceof Error || first.kind !== 'stored'
          ? first
          : { kind: 'duplicate', first: first.sender.message };
    }
    return outcomes;
  }

  /** The first copies of `sends` of the batch, by (sender, clientId), with their files. */
  private firstCopies(batch: Pending[], sends: number[]): Promise<Map<string, Message>> {
    const found = new Map<string, Message>();
    const query = statement('findSentBatch', [
      sends.map((i) => batch[i]!.message.from),
      sends.map((i) => batch[i]!.message.clientId),
    ]);
    return this.db.run(async (c) => {
      const { rows } = await c.query<MessageRow>(query);
      const messages = await this.files.messages(c, rows.map(toMessage), rows);
      rows.forEach((row, i) => found.set(sendKey(row.sender, row.client_id), messages[i]!));
      return found;
    });
  }
}
