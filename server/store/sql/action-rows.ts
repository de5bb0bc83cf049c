// Server, store: what replies, forwards and actions read and write, shared by both stores.
import { limits } from '../../../protocol/limits.js';
import type { MessageAction, Quote } from '../../../protocol/contract.js';
import type { ActedOn, SendOutcome } from '../store.js';
import type { MessageRow } from './rows.js';

/** actedOn's row (sql/action-statements.ts). */
export interface ActedOnRow {
  id: number;
  sender: number;
  sender_name: string;
  date: number;
  content: string;
  kind: MessageAction | null;
  recalled: boolean | number;
  attachments: number;
  hidden: boolean | number;
  chat_id: number;
}

export function toActedOn(row: ActedOnRow): ActedOn {
  return {
    id: row.id,
    sender: row.sender,
    senderName: row.sender_name,
    date: row.date,
    content: row.content,
    kind: row.kind,
    recalled: Boolean(row.recalled),
    hidden: Boolean(row.hidden),
    attachments: row.attachments,
  };
}

/** A reply's snapshot of what it answers: a recalled or hidden message's text is not quoted. */
export function quoteOf(target: ActedOn): Quote {
  const text = target.recalled || target.hidden ? '' : target.content;
  const excerpt = Array.from(text).slice(0, limits.quoteExcerptCodePoints).join('');
  return { id: target.id, user: target.sender, name: target.senderName, excerpt };
}

/** An action copy's `content`: the line a client that knows only text shows. */
export function actionLine(kind: MessageAction, name: string, text?: string): string {
  switch (kind) {
    case 'recall':
      return `${name} recalled a message`;
    case 'edit':
      // Without the text: the line an edit keeps once its message was recalled.
      return text === undefined ? `${name} edited a message` : `${name} edited a message: ${text}`;
    case 'hide':
      return 'You deleted a message';
  }
}

/** An action copy as a row of the reads (its seq in the record it was appended to). */
export function actionRow(
  action: { kind: MessageAction; target: number; text?: string; clientId: string; date: number },
  written: { id: number; sender: number; senderName: string; content: string; seq: number },
): MessageRow {
  return {
    id: written.id,
    client_id: action.clientId,
    sender: written.sender,
    sender_name: written.senderName,
    date: action.date,
    content: written.content,
    seq: written.seq,
    attachments: 0,
    kind: action.kind,
    target: action.target,
    text: action.text ?? null,
  };
}

/** A stored send with what it carries beyond its text (the chat's `last` is the same object). */
export function withSendExtras(outcome: SendOutcome, extras: SendExtras): SendOutcome {
  if (outcome.kind !== 'stored') return outcome;
  for (const side of [outcome.sender, outcome.receiver]) {
    if (extras.replyTo) side.message.replyTo = extras.replyTo;
    if (extras.forwarded) side.message.forwarded = true;
  }
  return outcome;
}

export interface SendExtras {
  replyTo?: Quote;
  forwarded?: boolean;
}

/** markSent's values, or null when the send carries nothing more. */
export function sendExtrasValues(extras: SendExtras, id: number): unknown[] | null {
  if (!extras.replyTo && !extras.forwarded) return null;
  return [extras.replyTo ? JSON.stringify(extras.replyTo) : null, extras.forwarded ? 1 : 0, id];
}

/** The quotes among `rows` that quote `target`, with their excerpt blanked: [new JSON, message id]. */
export function blankedQuotes(rows: Array<{ id: number; reply_to: string }>, target: number): Array<[string, number]> {
  return rows.flatMap(({ id, reply_to }) => {
    const quote = JSON.parse(reply_to) as Quote;
    return quote.id === target ? [[JSON.stringify({ ...quote, excerpt: '' }), id] as [string, number]] : [];
  });
}
