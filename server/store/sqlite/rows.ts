// Row shapes as SQLite returns them, and their mapping to the wire types.
import type { Chat, Message } from '../../../protocol/contract.js';
import { chatColumns, copyColumns } from '../shared-sql.js';

export interface MessageRow {
  id: number;
  client_id: string;
  sender: number;
  sender_name: string;
  date: number;
  content: string;
  seq: number;
}

export interface ChatRow {
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
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    clientId: row.client_id,
    user: row.sender,
    name: row.sender_name,
    date: row.date,
    content: row.content,
    seq: row.seq,
  };
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
  };
}

export const sql = {
  insertUser: `INSERT INTO users (name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (name_key) DO NOTHING RETURNING id, name`,
  findLogin: `SELECT id, name, password_hash FROM users WHERE name_key = ?`,
  getUser: `SELECT id, name FROM users WHERE id = ?`,
  listUsers: `SELECT id, name FROM users ORDER BY id`,

  saveSession: `INSERT INTO sessions (token_hash, user_id, created_at) VALUES (?, ?, ?)`,
  findSession: `SELECT user_id FROM sessions WHERE token_hash = ?`,
  deleteSession: `DELETE FROM sessions WHERE token_hash = ?`,

  listChats: `SELECT ${chatColumns} WHERE c.owner = ? ORDER BY c.updated_at DESC, c.id DESC`,
  getChat: `SELECT ${chatColumns} WHERE c.owner = ? AND c.peer = ?`,
  chatId: `SELECT id FROM chats WHERE owner = ? AND peer = ?`,
  ensureChat: `INSERT INTO chats (owner, peer, updated_at) VALUES (?, ?, ?) ON CONFLICT (owner, peer) DO NOTHING`,
  clearUnread: `UPDATE chats SET unread = 0 WHERE owner = ? AND peer = ? AND unread > 0`,
  deleteChat: `DELETE FROM chats WHERE owner = ? AND peer = ?`,
  appendToChat: `UPDATE chats SET last_seq = last_seq + 1, updated_at = ?, unread = unread + ?
    WHERE owner = ? AND peer = ? RETURNING id, unread, last_seq`,

  findSent: `SELECT m.id, m.client_id, m.sender, s.name AS sender_name, m.date, m.content, m.sender_seq AS seq
    FROM messages m JOIN users s ON s.id = m.sender WHERE m.sender = ? AND m.client_id = ?`,
  insertMessage: `INSERT INTO messages (sender, client_id, recipient, date, content, sender_seq)
    VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
  insertCopy: `INSERT INTO copies (chat_id, seq, message_id) VALUES (?, ?, ?)`,

  newest: `SELECT ${copyColumns} WHERE k.chat_id = ? ORDER BY k.seq DESC LIMIT ?`,
  before: `SELECT ${copyColumns} WHERE k.chat_id = ? AND k.seq < ? ORDER BY k.seq DESC LIMIT ?`,
  after: `SELECT ${copyColumns} WHERE k.chat_id = ? AND k.seq > ? ORDER BY k.seq ASC LIMIT ?`,
} as const;
