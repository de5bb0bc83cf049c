// Server, PostgreSQL store: group commit for plain text sends (no files, no reply). The sends that
// arrive while a batch is being written are written together in the next one, in one transaction
// of two round trips whatever its size: BEGIN with every sender's lock and the duplicate check of
// every (sender, clientId) in one string, then the write (migration 12's store_sends) with COMMIT
// queued behind it so that it goes out the moment the write is answered.
//
// Each send keeps its own outcome: a repeat (stored before, or earlier in the same batch) answers
// the first copy and takes nothing from the send limit, admit() is asked only of new sends, and a
// refused send writes nothing while the others are stored. Only an error of the database (a lost
// connection, say) fails the batch, and then every send in it.
import pg from 'pg';
import type { Message } from '../../../protocol/contract.js';
import type { NewMessage, SendJudgement, SendOutcome } from '../store.js';
import { storedSend, toMessage, type AppendedRow, type MessageRow } from '../sql/rows.js';
import type { Connections } from './connections.js';
import type { PostgresFiles } from './files.js';
import { senderLockSpace } from './message-writes.js';
import { sql, statement } from './statements.js';

/** The most sends one transaction writes; what does not fit goes in the next. */
export const maxBatchSends = 256;

/**
 * Batches written at once: two, but the next starts only once the running one has sent its write
 * and COMMIT, so its first round trip (locks and duplicate check) overlaps the other's last
 * instead of following it. Two batches started together measured slower (1,525 against 1,886
 * acks/s): they lock the same records, so they wait on each other, and each is smaller. The
 * second can wait only for the first's COMMIT, which is already on its way: the first holds
 * every lock it takes by then, so the two cannot deadlock. A sender with a send in a batch
 * being written waits for the next, so each sender's sends are stored in the order made.
 */
export const batchesInFlight = 2;

interface Pending {
  message: NewMessage;
  judge: SendJudgement;
  resolve: (outcome: SendOutcome) => void;
  reject: (error: unknown) => void;
}

/** What store_sends returns for one send: the sender's record (s_), the receiver's (r_). */
interface SentRow {
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

/** A send the batch path takes: text only, to someone else. */
export function isPlainSend(message: NewMessage): boolean {
  return (message.attachments ?? []).length === 0 && message.replyTo === undefined && message.from !== message.to;
}

export class SendBatches {
  private queue: Pending[] = [];
  private writing = 0;
  /** Batches that have not yet sent their write: at most one, whatever batchesInFlight is. */
  private locking = 0;
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
    return new Promise((resolve, reject) => {
      this.queue.push({ message, judge, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every send queued so far has its outcome. */
  async drain(): Promise<void> {
    if (this.queue.length === 0 && this.writing === 0 && !this.scheduled) return;
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
    return this.writing < this.maxInFlight && this.locking === 0;
  }

  private async next(): Promise<void> {
    if (!this.canStart()) return;
    const batch = this.take();
    if (batch.length === 0) {
      if (this.writing === 0 && !this.scheduled) for (const wake of this.idleWaiters.splice(0)) wake();
      return;
    }
    this.writing++;
    this.locking++;
    let locked = false;
    // Once this batch's write and COMMIT are sent, the next may take its locks.
    const lockingDone = () => {
      if (locked) return;
      locked = true;
      this.locking--;
      if (this.queue.length > 0) this.schedule();
    };
    try {
      const outcomes = await this.write(batch, lockingDone);
      this.batches++;
      batch.forEach((send, i) => {
        const outcome = outcomes[i]!;
        if (outcome instanceof Error) send.reject(outcome);
        else send.resolve(outcome);
      });
    } catch (error) {
      for (const send of batch) send.reject(error);
    } finally {
      lockingDone();
      this.writing--;
      for (const { message } of batch) this.busy.delete(message.from);
    }
    // The sends that came in meanwhile are the next batch, at once; more wait for the next turn.
    void this.next();
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

  private async write(batch: Pending[], lockingDone: () => void): Promise<Array<SendOutcome | Error>> {
    const keys = [...new Set(batch.map(({ message }) => message.from % 2147483647))].sort((a, b) => a - b);
    // Senders locked in key order, so two batches (or a batch and a single send) cannot deadlock;
    // then, sent in the same string (a statement of its own: it sees what the locks waited for),
    // every (sender, clientId) of the batch already stored. A string carries no bound values, so
    // the clientIds go in as quoted literals.
    const lockSenders = `SELECT pg_advisory_xact_lock(${senderLockSpace}, k) FROM unnest('{${keys.join(',')}}'::int[]) AS k`;
    const findSent = sql.findSentBatch
      .replace('$1::bigint[]', `'{${batch.map(({ message }) => message.from).join(',')}}'::bigint[]`)
      .replace(
        '$2::text[]',
        `ARRAY[${batch.map(({ message }) => pg.escapeLiteral(message.clientId)).join(',')}]::text[]`,
      );
    const outcomes: Array<SendOutcome | Error | undefined> = [];
    /** Sends to write, and for a repeat inside the batch the index of the send it repeats. */
    const writes: number[] = [];
    const repeats = new Map<number, number>();
    const rows = await this.db.transactionEndingWith<SentRow, MessageRow>(
      `${lockSenders}; ${findSent}`,
      async (c, found) => {
        const firsts = await this.firstCopies(c, found);
        const writtenKeys = new Map<string, number>();
        batch.forEach(({ message, judge }, i) => {
          const key = `${message.from}\n${message.clientId}`;
          const first = firsts.get(key);
          if (first) return void (outcomes[i] = { kind: 'duplicate', first });
          const earlier = writtenKeys.get(key);
          if (earlier !== undefined) return void repeats.set(i, earlier);
          try {
            if (!judge.admit()) return void (outcomes[i] = { kind: 'refused' });
          } catch (error) {
            return void (outcomes[i] = error instanceof Error ? error : new Error(String(error)));
          }
          writtenKeys.set(key, i);
          writes.push(i);
        });
        if (writes.length === 0) {
          lockingDone();
          return null;
        }
        // Viewing is judged (synchronously) just before the records are locked and written.
        const viewing = writes.map((i) => {
          try {
            return batch[i]!.judge.receiverViewing();
          } catch {
            return false;
          }
        });
        const sends = writes.map((i) => batch[i]!.message);
        const values = [
          sends.map((m) => m.from),
          sends.map((m) => m.to),
          sends.map((m) => m.clientId),
          sends.map((m) => Buffer.from(m.content, 'utf8')),
          sends.map((m) => m.date),
          viewing,
        ];
        lockingDone();
        return statement('storeSends', values);
      },
    );
    if (rows.length !== writes.length) throw new Error(`a batch of ${writes.length} sends stored ${rows.length}`);
    rows.forEach((row, n) => {
      const message = batch[writes[n]!]!.message;
      const records = { sender: record(row, 's'), receiver: record(row, 'r') };
      const names = { from: row.from_name, to: row.to_name };
      outcomes[writes[n]!] = storedSend({ ...message, id: row.sent_id }, names, records);
    });
    for (const [i, earlier] of repeats) {
      const first = outcomes[earlier] as Extract<SendOutcome, { kind: 'stored' }>;
      outcomes[i] = { kind: 'duplicate', first: first.sender.message };
    }
    return outcomes as Array<SendOutcome | Error>;
  }

  /** The first copies found (findSentBatch's rows) by (sender, clientId), with their files. */
  private async firstCopies(c: pg.PoolClient, rows: MessageRow[]): Promise<Map<string, Message>> {
    const found = new Map<string, Message>();
    if (rows.length === 0) return found;
    const messages = await this.files.messages(c, rows.map(toMessage), rows);
    rows.forEach((row, i) => found.set(`${row.sender}\n${row.client_id}`, messages[i]!));
    return found;
  }
}
