// Server, store: the rows both stores read (the column names of sql/statements.ts) and their
// mapping to the wire types.
import { withAttachments } from '../../../protocol/attachments.js';
import type {
  AccountState,
  Attachment,
  Chat,
  HistoryPage,
  InviteInfo,
  ManagedUser,
  Message,
  MessageAction,
  Quote,
  Role,
} from '../../../protocol/contract.js';
import type {
  AccountChange,
  HistoryQuery,
  ListedUser,
  LoginRecord,
  NewMessage,
  SendOutcome,
  StoredUser,
} from '../store.js';
import { recordState, type RecordStateRow } from './record-state.js';

export interface PlainMessageRow {
  id: number;
  client_id: string;
  sender: number;
  sender_name: string;
  date: number;
  content: string;
  seq: number;
  /** How many files the message carries (they are read separately, a page at a time). */
  attachments: number;
}

/** A message row's columns beyond a plain send (migration 8); absent where a read does not select them. */
export interface ActionColumns {
  kind?: MessageAction | null;
  target?: number | null;
  text?: string | null;
  /** The quote snapshot as JSON. */
  reply_to?: string | null;
  recalled?: boolean | number;
  edited_at?: number | null;
  forwarded?: boolean | number;
  /** Of the copy: its record's owner hid it. */
  hidden?: boolean | number;
}

export type MessageRow = PlainMessageRow & ActionColumns;

export interface ChatRow extends RecordStateRow {
  id: number;
  owner: number;
  peer: number;
  peer_name: string;
  unread: number;
  updated_at: number;
  last_seq: number;
  m_id: number | null;
  m_client_id: string | null;
  m_sender: number | null;
  m_sender_name: string | null;
  m_date: number | null;
  m_content: string | null;
  m_attachments: number | null;
  m_kind: MessageAction | null;
  m_target: number | null;
  m_text: string | null;
  m_reply_to: string | null;
  m_recalled: boolean | number | null;
  m_edited_at: number | null;
  m_forwarded: boolean | number | null;
  m_hidden: boolean | number | null;
}

export type LoginRow = StoredUser & { password_hash: string; state: AccountState; role: Role };

export type UserRow = StoredUser & { name_key: string; state: AccountState; avatar: string | null };

export interface AccountRow {
  id: number;
  name: string;
  role: Role;
  state: AccountState;
  created_at: number;
  last_seen_at: number | null;
}

export interface InviteRow {
  id: string;
  uses_left: number;
  expires_at: number | null;
  created_by: number | null;
  created_at: number;
}

export interface AccountChangeRow {
  id: number;
  user_id: number;
}

/** One record as a send left it: its id, the owner's unread and marks, and the new copy's seq. */
export interface AppendedRow extends RecordStateRow {
  id: number;
  unread: number;
  last_seq: number;
}

export function toMessage(row: MessageRow): Message {
  const message: Message = {
    id: row.id,
    clientId: row.client_id,
    user: row.sender,
    name: row.sender_name,
    date: row.date,
    content: row.content,
    seq: row.seq,
  };
  if (row.kind) {
    message.kind = row.kind;
    message.target = row.target!;
    if (row.text !== null && row.text !== undefined) message.text = row.text;
  }
  if (row.reply_to) message.replyTo = JSON.parse(row.reply_to) as Quote;
  if (row.recalled) message.recalled = true;
  if (row.edited_at !== null && row.edited_at !== undefined) message.editedAt = row.edited_at;
  if (row.forwarded) message.forwarded = true;
  if (row.hidden) message.hidden = true;
  return message;
}

export function toChat(row: ChatRow): Chat {
  const last =
    row.m_id === null
      ? null
      : toMessage({
          id: row.m_id,
          client_id: row.m_client_id!,
          sender: row.m_sender!,
          sender_name: row.m_sender_name!,
          date: row.m_date!,
          content: row.m_content!,
          seq: row.last_seq,
          attachments: row.m_attachments!,
          kind: row.m_kind,
          target: row.m_target,
          text: row.m_text,
          reply_to: row.m_reply_to,
          recalled: row.m_recalled ?? false,
          edited_at: row.m_edited_at,
          forwarded: row.m_forwarded ?? false,
          hidden: row.m_hidden ?? false,
        });
  return {
    id: row.id,
    user: row.owner,
    who: row.peer,
    name: row.peer_name,
    unread: row.unread,
    updatedAt: row.updated_at,
    lastSeq: row.last_seq,
    last,
    ...recordState(row),
  };
}

/**
 * The statement (sql/statements.ts) a history query runs and its values: the record id, the
 * seq it pages from, and one more row than the limit, which tells whether there are more.
 */
export function historyStatement(
  chatId: number,
  query: HistoryQuery,
): { name: 'after' | 'before' | 'newest'; values: number[] } {
  const take = query.limit + 1;
  if (query.afterSeq !== undefined) return { name: 'after', values: [chatId, query.afterSeq, take] };
  if (query.beforeSeq !== undefined) return { name: 'before', values: [chatId, query.beforeSeq, take] };
  return { name: 'newest', values: [chatId, take] };
}

/**
 * An `aroundSeq` query's two reads (statements of historyStatement): the older half with the seq
 * itself, newest first, and the newer half; each reads one row more, which tells whether there are more.
 */
export function aroundReads(chatId: number, around: number, limit: number) {
  const older = Math.ceil(limit / 2);
  const newer = limit - older;
  return {
    older: { name: 'before' as const, values: [chatId, around + 1, older + 1], keep: older },
    newer: { name: 'after' as const, values: [chatId, around, newer + 1], keep: newer },
  };
}

/** aroundReads' rows as a page, ascending by seq; `hasMore`: either side may have more. */
export function toAroundPage(
  reads: ReturnType<typeof aroundReads>,
  older: MessageRow[],
  newer: MessageRow[],
): HistoryPage {
  const rows = [...older.slice(0, reads.older.keep).reverse(), ...newer.slice(0, reads.newer.keep)];
  return { messages: rows.map(toMessage), hasMore: older.length > reads.older.keep || newer.length > reads.newer.keep };
}

/** historyStatement's rows as a page, ascending by seq whichever way they were read. */
export function toHistoryPage(rows: MessageRow[], query: HistoryQuery): HistoryPage {
  const messages = rows.slice(0, query.limit).map(toMessage);
  if (query.afterSeq === undefined) messages.reverse();
  return { messages, hasMore: rows.length > query.limit };
}

export function toListedUser(row: UserRow): ListedUser {
  const user: ListedUser = { id: row.id, name: row.name, nameKey: row.name_key, active: row.state === 'active' };
  if (row.avatar !== null) user.avatar = row.avatar;
  return user;
}

export function toLogin(row: LoginRow): LoginRecord {
  return { user: { id: row.id, name: row.name }, passwordHash: row.password_hash, state: row.state, role: row.role };
}

export function toAccount(row: AccountRow): ManagedUser {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    state: row.state,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}

export function toInvite(row: InviteRow): InviteInfo {
  return {
    id: row.id,
    usesLeft: row.uses_left,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function toAccountChange(row: AccountChangeRow): AccountChange {
  return { id: row.id, userId: row.user_id };
}

/**
 * Both records of a stored send as they now are, built from what was just written rather than
 * read back: `updatedAt` is the send's date and `last` is its copy, whose seq is the record's lastSeq.
 */
export function storedSend(
  sent: NewMessage & { id: number },
  names: { from: string; to: string },
  records: { sender: AppendedRow; receiver: AppendedRow },
  files: Attachment[] = [],
): Extract<SendOutcome, { kind: 'stored' }> {
  const { id, from, to, clientId, content, date } = sent;
  const record = (row: AppendedRow, owner: number, peer: number, peerName: string) => {
    const text = { id, clientId, user: from, name: names.from, date, content, seq: row.last_seq };
    const message: Message = withAttachments(text, files);
    const chat: Chat = {
      id: row.id,
      user: owner,
      who: peer,
      name: peerName,
      unread: row.unread,
      updatedAt: date,
      lastSeq: row.last_seq,
      last: message,
      ...recordState(row),
    };
    return { chat, message };
  };
  return {
    kind: 'stored',
    sender: record(records.sender, from, to, names.to),
    receiver: record(records.receiver, to, from, names.from),
  };
}
