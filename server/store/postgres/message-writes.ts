// Server, PostgreSQL store: the writes of messages — a send (with its reply quote), a forward and
// an action on a message (docs/protocol.md 6.5, 6.11) — each one transaction that starts with the
// sender's advisory lock, so two devices repeating a clientId at once store it once.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Attachment, Chat, Message, Quote } from '../../../protocol/contract.js';
import type {
  ActedOn,
  ActionOutcome,
  Appended,
  NewAction,
  NewForward,
  NewMessage,
  SendJudgement,
  SendOutcome,
} from '../store.js';
import { actionSql } from '../sql/action-statements.js';
import {
  actionLine,
  actionRow,
  blankedQuotes,
  quoteOf,
  sendExtrasValues,
  toActedOn,
  withSendExtras,
  type ActedOnRow,
  type SendExtras,
} from '../sql/action-rows.js';
import { toAttachment, type AttachmentRow } from '../sql/file-rows.js';
import { numbered } from '../sql/statements.js';
import { storedSend, toChat, toMessage, type AppendedRow, type ChatRow, type MessageRow } from '../sql/rows.js';
import type { Connections } from './connections.js';
import type { PostgresFiles } from './files.js';
import { statement } from './statements.js';

const sql = Object.fromEntries(Object.entries(actionSql).map(([name, text]) => [name, numbered(text)])) as Record<
  keyof typeof actionSql,
  string
>;

function q(name: keyof typeof sql, values: unknown[]): pg.QueryConfig {
  return { name: `actions.${name}`, text: sql[name], values };
}

/** Namespace of the per-sender advisory locks (the same as sendMessage always took). */
export const senderLockSpace = 0x6d736773;

/** A sender's advisory lock within senderLockSpace: single sends and batches take the same one. */
export const senderLockKey = (sender: number): number => sender % 2147483647;

/** Content and edit text are BYTEA holding UTF-8. */
const bytes = (text: string) => Buffer.from(text, 'utf8');

/** What storeSend returns: each record as appended, with the new message's id and both names as they are now. */
type StoredRow = AppendedRow & { owner: number; message_id: number; from_name: string; to_name: string };

export class PostgresMessages {
  constructor(
    private readonly db: Connections,
    private readonly files: PostgresFiles,
    /** What a send also changes in both records (record-state.ts: unread cleared, read receipts). */
    private readonly afterSend: (
      c: pg.PoolClient,
      from: number,
      to: number,
      rows: { sender: AppendedRow; receiver: AppendedRow },
      viewing: boolean,
    ) => Promise<void>,
  ) {}

  send(message: NewMessage, judge: SendJudgement): Promise<SendOutcome> {
    const { from, to, clientId, attachments: ids = [] } = message;
    return this.asSender(from, async (c) => {
      const first = await this.sent(c, from, clientId);
      if (first) return { kind: 'duplicate', first };
      const files = await this.files.forSend(c, ids, from);
      if (!Array.isArray(files)) return { kind: 'bad-attachment', ...files };
      let replyTo: Quote | undefined;
      if (message.replyTo !== undefined) {
        const target = await this.actedOn(c, from, to, message.replyTo);
        if (!target || target.kind !== null) return { kind: 'unknown-message', id: message.replyTo };
        replyTo = quoteOf(toActedOn(target));
      }
      if (!judge.admit()) return { kind: 'refused' };
      const attach = async (id: number) => {
        await this.files.attach(c, id, ids);
        return files;
      };
      return this.write(c, message, files.length, judge, attach, { replyTo });
    });
  }

  forward(forward: NewForward, judge: SendJudgement & { check(source: ActedOn): void }): Promise<SendOutcome> {
    const { from, to, clientId, date } = forward;
    return this.asSender(from, async (c) => {
      const first = await this.sent(c, from, clientId);
      if (first) return { kind: 'duplicate', first };
      const row = await this.actedOn(c, from, forward.source, forward.id);
      if (!row || row.kind !== null) return { kind: 'unknown-message', id: forward.id };
      const source = toActedOn(row);
      judge.check(source);
      if (!judge.admit()) return { kind: 'refused' };
      const { rows } = await c.query<AttachmentRow>(q('filesOf', [source.id]));
      const sourceFiles = rows.map(toAttachment);
      // Each file a new row on the same blob, the forwarder its uploader (as an attached file's always is).
      const attach = async (id: number): Promise<Attachment[]> => {
        const copies: Attachment[] = [];
        for (const file of sourceFiles) {
          const copy = { ...file, id: randomBytes(16).toString('base64url') };
          await c.query(q('copyFile', [copy.id, from, date, id, file.id]));
          copies.push(copy);
        }
        return copies;
      };
      const message: NewMessage = { from, to, clientId, content: source.content, date };
      return this.write(c, message, sourceFiles.length, judge, attach, { forwarded: true });
    });
  }

  act(action: NewAction, check: (target: ActedOn) => void): Promise<ActionOutcome> {
    const { kind, caller, who, target, clientId, date, text } = action;
    return this.asSender(caller, async (c): Promise<ActionOutcome> => {
      const first = await this.sent(c, caller, clientId);
      if (first) return { kind: 'duplicate', first };
      const row = await this.actedOn(c, caller, who, target);
      if (!row || row.kind !== null) return { kind: 'unknown-message' };
      check(toActedOn(row));
      const peerRow = kind === 'hide' ? undefined : await this.actedOn(c, who, caller, target);
      // Records are locked lower owner first, as sends lock them, so the two cannot deadlock.
      const order = peerRow && who < caller ? [peerRow, row] : peerRow ? [row, peerRow] : [row];
      const appendedRows = new Map<number, AppendedRow>();
      for (const record of order) {
        const { rows } = await c.query<AppendedRow>(q('appendAction', [record.chat_id]));
        appendedRows.set(record.chat_id, rows[0]!);
      }
      const mine = appendedRows.get(row.chat_id)!;
      const theirs = peerRow && appendedRows.get(peerRow.chat_id);
      const { rows: names } = await c.query<{ name: string }>(statement('userName', [caller]));
      const senderName = names[0]!.name;
      const content = actionLine(kind, senderName, text);
      const values = [caller, clientId, who, date, bytes(content), mine.last_seq, kind, target, text && bytes(text)];
      const { rows: inserted } = await c.query<{ id: number }>(
        q(
          'insertAction',
          values.map((v) => v ?? null),
        ),
      );
      const id = inserted[0]!.id;
      await c.query(q('insertCopy', [mine.id, mine.last_seq, id]));
      if (theirs) await c.query(q('insertCopy', [theirs.id, theirs.last_seq, id]));
      await this.change(c, action, row.chat_id, senderName);
      const appended = async (record: AppendedRow, owner: number, peer: number): Promise<Appended> => ({
        chat: await this.chat(c, owner, peer),
        message: toMessage(actionRow(action, { id, sender: caller, senderName, content, seq: record.last_seq })),
      });
      const stored = { kind: 'stored' as const, caller: await appended(mine, caller, who) };
      return theirs ? { ...stored, peer: await appended(theirs, who, caller) } : stored;
    });
  }

  /** The acted-on message changes in place, so a later read shows its state. */
  private async change(
    c: pg.PoolClient,
    { kind, caller, who, target, text, date }: NewAction,
    chatId: number,
    senderName: string,
  ) {
    switch (kind) {
      case 'recall': {
        await c.query(q('recall', [target]));
        // Its text goes from everywhere the server keeps it: its edits and the quotes of it.
        const edits = [bytes(''), bytes(actionLine('edit', senderName)), caller, who, target, target];
        await c.query(q('eraseEdits', edits));
        const quotes = await c.query<{ id: number; reply_to: string }>(
          q('quotesAfter', [caller, who, who, caller, target]),
        );
        for (const values of blankedQuotes(quotes.rows, target)) await c.query(q('setQuote', values));
        const { rows } = await c.query<{ blob_key: string }>(q('deleteMessageFiles', [target]));
        return this.files.trashIfUnused(c, rows, date);
      }
      case 'edit':
        await c.query(q('edit', [bytes(text!), date, target]));
        return;
      case 'hide': {
        await c.query(q('hide', [chatId, target]));
        await c.query(q('releaseMessageFiles', [caller, caller, target]));
        const { rows } = await c.query<{ blob_key: string }>(q('deleteUnheldMessageFiles', [target]));
        return this.files.trashIfUnused(c, rows, date);
      }
    }
  }

  /** A transaction that first takes the sender's lock (in BEGIN's round trip). */
  private asSender<T>(sender: number, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    if (!Number.isSafeInteger(sender)) return Promise.reject(new RangeError(`not a user id: ${sender}`));
    const lockSender = `SELECT pg_advisory_xact_lock(${senderLockSpace}, ${senderLockKey(sender)})`;
    return this.db.transaction(work, 'READ COMMITTED', lockSender);
  }

  private async actedOn(c: pg.PoolClient, owner: number, peer: number, id: number): Promise<ActedOnRow | undefined> {
    return (await c.query<ActedOnRow>(q('actedOn', [owner, peer, id]))).rows[0];
  }

  /** Both records appended to (created the first time) by one upsert, the message row and both copies, then its files. */
  private async write(
    c: pg.PoolClient,
    message: NewMessage,
    fileCount: number,
    judge: SendJudgement,
    attach: (id: number) => Promise<Attachment[]>,
    extras: SendExtras,
  ): Promise<SendOutcome> {
    const { from, to, clientId, content, date } = message;
    // Viewing is judged (synchronously) just before the receiver's record is locked and written.
    const receiverStep = judge.receiverViewing() ? 0 : 1;
    const [low, high] = from < to ? [from, to] : [to, from];
    const step = (owner: number) => (owner === to ? receiverStep : 0);
    const values = [low, high, step(low), step(high), date, from, clientId, to, bytes(content), fileCount];
    const { rows } = await c.query<StoredRow>(statement('storeSend', values));
    const sender = rows.find((row) => row.owner === from);
    const receiver = rows.find((row) => row.owner === to);
    if (rows.length !== 2 || !sender || !receiver)
      throw new Error(`the send ${from}>${to} stored ${rows.length} records`);
    const files = await attach(sender.message_id);
    const marks = sendExtrasValues(extras, sender.message_id);
    if (marks) await c.query(q('markSent', marks));
    await this.afterSend(c, from, to, { sender, receiver }, receiverStep === 0);
    const names = { from: sender.from_name, to: sender.to_name };
    const outcome = storedSend({ ...message, id: sender.message_id }, names, { sender, receiver }, files);
    return withSendExtras(outcome, extras);
  }

  /** The sender's first copy of a send, with its files. */
  async sent(c: pg.PoolClient, from: number, clientId: string): Promise<Message | null> {
    const { rows } = await c.query<MessageRow>(statement('findSent', [from, clientId]));
    return rows[0] ? (await this.files.messages(c, [toMessage(rows[0])], rows))[0]! : null;
  }

  private async chat(c: pg.PoolClient, owner: number, peer: number): Promise<Chat> {
    const { rows } = await c.query<ChatRow>(statement('getChat', [owner, peer]));
    return (await this.files.chats(c, [toChat(rows[0]!)], rows))[0]!;
  }
}
