// Server, SQLite store: the writes of messages — a send (with its reply quote), a forward and an
// action on a message (docs/protocol.md 6.5, 6.11). Every method runs inside the caller's
// transaction (SqliteStore wraps each call in its GroupCommit).
import type Database from 'better-sqlite3';
import type { Attachment, Chat, Quote } from '../../../protocol/contract.js';
import { randomBytes } from 'node:crypto';
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
import { storedSend, toChat, toMessage, type AppendedRow, type ChatRow, type MessageRow } from '../sql/rows.js';
import { seenByReaderValues } from '../sql/record-state.js';
import type { SqliteFiles } from './files.js';
import { sql as storeSql } from './statements.js';
import { prepareAll } from './prepare.js';

const sql = {
  ...actionSql,
  appendToChat: storeSql.appendToChat,
  appendAsSender: storeSql.appendAsSender,
  ensureChat: storeSql.ensureChat,
  insertMessage: storeSql.insertMessage,
  insertBothCopies: storeSql.insertBothCopies,
  findSent: storeSql.findSent,
  getChat: storeSql.getChat,
} as const;

type Statements = { [K in keyof typeof sql]: Database.Statement };

export class SqliteMessages {
  private readonly q: Statements;

  constructor(
    db: Database.Database,
    private readonly files: SqliteFiles,
    private readonly nameOf: (userId: number) => string,
    /** What a send also changes in both records (record-state.ts: unread cleared, read receipts). */
    private readonly afterSend: (
      from: number,
      to: number,
      rows: { sender: AppendedRow; receiver: AppendedRow },
      viewing: boolean,
    ) => void,
  ) {
    this.q = prepareAll(db, sql);
  }

  send(message: NewMessage, judge: SendJudgement): SendOutcome {
    const { from, to, clientId, attachments: ids = [] } = message;
    const first = this.q.findSent.get(from, clientId) as MessageRow | undefined;
    if (first) return { kind: 'duplicate', first: this.sent(first) };
    const files = this.files.forSend(ids, from);
    if (!Array.isArray(files)) return { kind: 'bad-attachment', ...files };
    let replyTo: Quote | undefined;
    if (message.replyTo !== undefined) {
      const target = this.actedOn(from, to, message.replyTo);
      if (!target) return { kind: 'unknown-message', id: message.replyTo };
      replyTo = quoteOf(target);
    }
    if (!judge.admit()) return { kind: 'refused' };
    const attach = (id: number) => {
      this.files.attach(id, ids);
      return files;
    };
    return this.write(message, files.length, judge, attach, { replyTo });
  }

  forward(forward: NewForward, judge: SendJudgement & { check(source: ActedOn): void }): SendOutcome {
    const { from, to, clientId, date } = forward;
    const first = this.q.findSent.get(from, clientId) as MessageRow | undefined;
    if (first) return { kind: 'duplicate', first: this.sent(first) };
    const source = this.actedOn(from, forward.source, forward.id);
    if (!source) return { kind: 'unknown-message', id: forward.id };
    judge.check(source);
    if (!judge.admit()) return { kind: 'refused' };
    const sourceFiles = (this.q.filesOf.all(source.id) as AttachmentRow[]).map(toAttachment);
    // Each file a new row on the same blob, the forwarder its uploader (as an attached file's always is).
    const attach = (id: number): Attachment[] =>
      sourceFiles.map((file) => {
        const copy = { ...file, id: randomBytes(16).toString('base64url') };
        this.q.copyFile.run(copy.id, from, date, id, file.id);
        return copy;
      });
    const message: NewMessage = { from, to, clientId, content: source.content, date };
    return this.write(message, sourceFiles.length, judge, attach, { forwarded: true });
  }

  act(action: NewAction, check: (target: ActedOn) => void): ActionOutcome {
    const { kind, caller, who, target, clientId, date, text } = action;
    const first = this.q.findSent.get(caller, clientId) as MessageRow | undefined;
    if (first) return { kind: 'duplicate', first: this.sent(first) };
    const row = this.q.actedOn.get(caller, who, target) as ActedOnRow | undefined;
    if (!row || row.kind !== null) return { kind: 'unknown-message' };
    check(toActedOn(row));
    const senderName = this.nameOf(caller);
    const content = actionLine(kind, senderName, text);
    // Recall and edit reach the peer's record too, while it still holds the message.
    const peerRow = kind === 'hide' ? undefined : (this.q.actedOn.get(who, caller, target) as ActedOnRow | undefined);
    const mine = this.q.appendAction.get(row.chat_id) as AppendedRow;
    const values = [caller, clientId, who, date, content, mine.last_seq, kind, target, text ?? null];
    const { id } = this.q.insertAction.get(...values) as { id: number };
    this.q.insertCopy.run(mine.id, mine.last_seq, id);
    const theirs = peerRow && (this.q.appendAction.get(peerRow.chat_id) as AppendedRow);
    if (theirs) this.q.insertCopy.run(theirs.id, theirs.last_seq, id);
    this.change(action, row.chat_id, senderName);
    const appended = (record: AppendedRow, owner: number, peer: number): Appended => ({
      chat: this.chat(owner, peer),
      message: toMessage(actionRow(action, { id, sender: caller, senderName, content, seq: record.last_seq })),
    });
    const stored = { kind: 'stored' as const, caller: appended(mine, caller, who) };
    return theirs ? { ...stored, peer: appended(theirs, who, caller) } : stored;
  }

  /** The acted-on message changes in place, so a later read shows its state. */
  private change({ kind, caller, who, target, text, date }: NewAction, chatId: number, senderName: string): void {
    const now = date;
    switch (kind) {
      case 'recall': {
        this.q.recall.run(target);
        // Its text goes from everywhere the server keeps it: its edits and the quotes of it.
        this.q.eraseEdits.run('', actionLine('edit', senderName), caller, who, target, target);
        const quotes = this.q.quotesAfter.all(caller, who, who, caller, target) as Array<{
          id: number;
          reply_to: string;
        }>;
        for (const values of blankedQuotes(quotes, target)) this.q.setQuote.run(...values);
        this.files.trashIfUnused(this.q.deleteMessageFiles.all(target) as Array<{ blob_key: string }>, now);
        return;
      }
      case 'edit':
        this.q.edit.run(text!, date, target);
        return;
      case 'hide':
        this.q.hide.run(chatId, target);
        this.q.releaseMessageFiles.run(caller, caller, target);
        this.files.trashIfUnused(this.q.deleteUnheldMessageFiles.all(target) as Array<{ blob_key: string }>, now);
        return;
    }
  }

  private actedOn(owner: number, peer: number, id: number): ActedOn | null {
    const row = this.q.actedOn.get(owner, peer, id) as ActedOnRow | undefined;
    return row && row.kind === null ? toActedOn(row) : null;
  }

  /** Both records appended to (created the first time), the message row, both copies, then its files. */
  private write(
    message: NewMessage,
    fileCount: number,
    judge: SendJudgement,
    attach: (id: number) => Attachment[],
    extras: SendExtras,
  ): SendOutcome {
    const { from, to, clientId, content, date } = message;
    // Both records exist after the first message of a pair: create one only when the update finds none.
    const append = (owner: number, peer: number, update: () => AppendedRow | undefined): AppendedRow => {
      const row = update();
      if (row) return row;
      this.q.ensureChat.run(owner, peer, date);
      return update()!;
    };
    const sender = append(from, to, () => this.q.appendAsSender.get(date, from, to) as AppendedRow | undefined);
    const viewing = judge.receiverViewing();
    const unreadStep = viewing ? 0 : 1;
    // The sender has read what the receiver sent them, if both have receipts on (see appendToChat).
    const receiverValues = [date, unreadStep, to, from, ...seenByReaderValues(from, to), to, from];
    const receiver = append(to, from, () => this.q.appendToChat.get(...receiverValues) as AppendedRow | undefined);
    const values = [from, clientId, to, date, content, sender.last_seq, fileCount];
    const id = Number(this.q.insertMessage.run(...values).lastInsertRowid);
    this.q.insertBothCopies.run(sender.id, sender.last_seq, id, receiver.id, receiver.last_seq, id);
    const files = attach(id);
    const marks = sendExtrasValues(extras, id);
    if (marks) this.q.markSent.run(...marks);
    this.afterSend(from, to, { sender, receiver }, viewing);
    const names = { from: this.nameOf(from), to: this.nameOf(to) };
    return withSendExtras(storedSend({ ...message, id }, names, { sender, receiver }, files), extras);
  }

  /** The sender's first copy of a send, with its files. */
  sent(row: MessageRow): ReturnType<typeof toMessage> {
    return this.files.messages([toMessage(row)], [row])[0]!;
  }

  private chat(owner: number, peer: number): Chat {
    const row = this.q.getChat.get(owner, peer) as ChatRow;
    return this.files.chats([toChat(row)], [row])[0]!;
  }
}
