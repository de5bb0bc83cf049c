// Server, store: the SQL that SQLite and PostgreSQL share, written once with `?` placeholders.
// SQLite prepares it as it is; PostgreSQL numbers the placeholders with `numbered`.
import { recordStateSql } from './record-state.js';

/** A copy its record's owner hid (message:hide) shows neither text nor files there. */
function hiding(column: string, gone: string): string {
  return `CASE WHEN k.hidden THEN ${gone} ELSE ${column} END`;
}

/** What a message row says beyond a plain send (docs/protocol.md 6.11). */
const actionColumns = `m.kind, m.target, m.text, m.reply_to, m.recalled, m.edited_at, m.forwarded`;

/** A chat record with its peer's name and its newest copy (the `last` message). */
const chatColumns = `
  c.id, c.owner, c.peer, p.name AS peer_name, c.unread, c.updated_at, c.last_seq,
  c.pinned_at, c.muted, c.marked_unread, c.peer_read_id,
  m.id AS m_id, m.client_id AS m_client_id, m.sender AS m_sender, s.name AS m_sender_name,
  m.date AS m_date, ${hiding('m.content', "''")} AS m_content, ${hiding('m.attachments', '0')} AS m_attachments,
  m.kind AS m_kind, m.target AS m_target, m.text AS m_text, m.reply_to AS m_reply_to, m.recalled AS m_recalled,
  m.edited_at AS m_edited_at, m.forwarded AS m_forwarded, k.hidden AS m_hidden
  FROM chats c
  JOIN users p ON p.id = c.peer
  LEFT JOIN copies k ON k.chat_id = c.id AND k.seq = c.last_seq
  LEFT JOIN messages m ON m.id = k.message_id
  LEFT JOIN users s ON s.id = m.sender`;

/** One copy in a record, as a Message row. */
const copyColumns = `
  m.id, m.client_id, m.sender, s.name AS sender_name, m.date, ${hiding('m.content', "''")} AS content, k.seq,
  ${hiding('m.attachments', '0')} AS attachments, ${actionColumns}, k.hidden
  FROM copies k
  JOIN messages m ON m.id = k.message_id
  JOIN users s ON s.id = m.sender`;

const accountColumns = `id, name, role, state, created_at, last_seen_at`;

export const sharedSql = {
  // Any unique column: the name key, or the skeleton of a name that looks the same.
  // The first user, or the configured administrator (the last two values equal), is an admin.
  insertUser: `INSERT INTO users (name, name_key, name_skeleton, password_hash, created_at, role)
    VALUES (?, ?, ?, ?, ?, CASE WHEN CAST(? AS TEXT) = CAST(? AS TEXT) OR NOT EXISTS (SELECT 1 FROM users)
      THEN 'admin' ELSE 'member' END)
    ON CONFLICT DO NOTHING RETURNING id, name, role`,
  promoteAdmin: `UPDATE users SET role = 'admin' WHERE name_key = ?`,
  // The administrator's view of users: paged by id, without deleted users.
  accounts: `SELECT ${accountColumns} FROM users WHERE id > ? AND state <> 'deleted' ORDER BY id LIMIT ?`,
  accountById: `SELECT ${accountColumns} FROM users WHERE id = ? AND state <> 'deleted'`,
  accountByKey: `SELECT ${accountColumns} FROM users WHERE name_key = ? AND state <> 'deleted'`,
  setState: `UPDATE users SET state = ? WHERE id = ? AND state <> 'deleted' RETURNING ${accountColumns}`,
  setRole: `UPDATE users SET role = ? WHERE id = ? AND state <> 'deleted' RETURNING ${accountColumns}`,
  setPassword: `UPDATE users SET password_hash = ? WHERE id = ? AND state <> 'deleted' RETURNING ${accountColumns}`,
  activeAdmins: `SELECT count(*) AS n FROM users WHERE role = 'admin' AND state = 'active'`,
  deleteUserSessions: `DELETE FROM sessions WHERE user_id = ?`,
  // The access-change log every node polls (accounts/access-watch.ts).
  insertAccountChange: `INSERT INTO account_changes (user_id, at) VALUES (?, ?)`,
  accountChangesAfter: `SELECT id, user_id FROM account_changes WHERE id > ? ORDER BY id LIMIT ?`,
  latestAccountChange: `SELECT coalesce(max(id), 0) AS id FROM account_changes`,
  pruneAccountChanges: `DELETE FROM account_changes
    WHERE id IN (SELECT id FROM account_changes WHERE at < ? ORDER BY id LIMIT ?)`,
  // Usable invites, newest first; an invite's public id is the start of its code's hash.
  listInvites: `SELECT substr(code_hash, 1, 16) AS id, uses_left, expires_at, created_by, created_at FROM invites
    WHERE uses_left > 0 AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at DESC, code_hash LIMIT ?`,
  revokeInvite: `DELETE FROM invites WHERE substr(code_hash, 1, 16) = ?`,
  // One use of a live invite; no row when it is unknown, expired or used up.
  useInvite: `UPDATE invites SET uses_left = uses_left - 1
    WHERE code_hash = ? AND uses_left > 0 AND (expires_at IS NULL OR expires_at > ?) RETURNING uses_left`,
  insertInvite: `INSERT INTO invites (code_hash, uses_left, expires_at, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
  findLogin: `SELECT id, name, password_hash, state, role FROM users WHERE name_key = ?`,
  getUser: `SELECT id, name, state FROM users WHERE id = ?`,
  userName: `SELECT name FROM users WHERE id = ?`,
  // Paged by the name key, compared as code points (PostgreSQL is given the "C" collation).
  listUsers: `SELECT id, name, name_key, state, avatar FROM users WHERE name_key > ? ORDER BY name_key LIMIT ?`,

  saveSession: `INSERT INTO sessions (token_hash, user_id, created_at, id, device, last_used_at)
    VALUES (?, ?, ?, ?, ?, ?)`,
  // The user's sessions beyond the newest `limit` by last use (the one just saved is among them).
  endLeastRecentSessions: `DELETE FROM sessions WHERE user_id = ? AND token_hash NOT IN (
      SELECT token_hash FROM sessions WHERE user_id = ? ORDER BY last_used_at DESC, created_at DESC LIMIT ?
    ) RETURNING token_hash`,
  // Only a session used since the idle cut-off, of a user who is still active (and their name,
  // so a handshake reads the store once).
  findSession: `SELECT s.user_id, u.name AS user_name, s.id, s.last_used_at FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ? AND s.last_used_at >= ? AND u.state = 'active'`,
  touchSession: `UPDATE sessions SET last_used_at = ? WHERE token_hash = ? AND last_used_at < ?`,
  touchUser: `UPDATE users SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)`,
  deleteSession: `DELETE FROM sessions WHERE token_hash = ?`,
  pruneSessions: `DELETE FROM sessions WHERE token_hash IN (
      SELECT token_hash FROM sessions WHERE last_used_at < ? LIMIT ?)`,
  listSessions: `SELECT id, device, created_at, last_used_at FROM sessions WHERE user_id = ?
    ORDER BY last_used_at DESC, created_at DESC LIMIT ?`,
  endSessionById: `DELETE FROM sessions WHERE user_id = ? AND id = ? RETURNING token_hash`,
  endOtherSessions: `DELETE FROM sessions WHERE user_id = ? AND token_hash <> ? RETURNING token_hash`,
  endAllSessions: `DELETE FROM sessions WHERE user_id = ? RETURNING token_hash`,

  credentialsOf: `SELECT id, name, role, password_hash, avatar, read_receipts FROM users
    WHERE id = ? AND state = 'active'`,
  changePassword: `UPDATE users SET password_hash = ? WHERE id = ? AND state = 'active'`,
  // The name key stays (it is what the user signs in with); the skeleton becomes the new name's,
  // so its UNIQUE index keeps anyone else from registering or taking a name that looks like it.
  rename: `UPDATE users SET name = ?, name_skeleton = ? WHERE id = ? AND state = 'active'
    AND NOT EXISTS (SELECT 1 FROM users o WHERE o.id <> ? AND (o.name_key IN (?, ?) OR o.name_skeleton IN (?, ?)))`,
  // Control characters are never in a name, so the released key cannot collide with a real one.
  // Never the last active admin: the server would be left with nobody to administer it.
  markDeleted: `UPDATE users SET state = 'deleted', name = ?, name_key = ?, name_skeleton = NULL, password_hash = '',
    avatar = NULL
    WHERE id = ? AND state = 'active'
      AND (role <> 'admin' OR (SELECT count(*) FROM users WHERE role = 'admin' AND state = 'active') > 1)`,
  deleteOwnChats: `DELETE FROM chats WHERE owner = ?`,
  peerOwners: `SELECT owner FROM chats WHERE peer = ? AND owner > ? ORDER BY owner LIMIT ?`,

  listChats: `SELECT ${chatColumns} WHERE c.owner = ? AND c.id > ? ORDER BY c.id LIMIT ?`,
  getChat: `SELECT ${chatColumns} WHERE c.owner = ? AND c.peer = ?`,
  chatId: `SELECT id FROM chats WHERE owner = ? AND peer = ?`,
  ensureChat: `INSERT INTO chats (owner, peer, updated_at) VALUES (?, ?, ?) ON CONFLICT (owner, peer) DO NOTHING`,
  // Opening or reading also clears the owner's own unread mark.
  clearUnread: `UPDATE chats SET unread = 0, marked_unread = FALSE WHERE owner = ? AND peer = ?
    AND (unread > 0 OR marked_unread)`,
  deleteChat: `DELETE FROM chats WHERE owner = ? AND peer = ?`,

  findSent: `SELECT m.id, m.client_id, m.sender, s.name AS sender_name, m.date, m.content, m.sender_seq AS seq,
    m.attachments, ${actionColumns}, FALSE AS hidden
    FROM messages m JOIN users s ON s.id = m.sender WHERE m.sender = ? AND m.client_id = ?`,

  newest: `SELECT ${copyColumns} WHERE k.chat_id = ? ORDER BY k.seq DESC LIMIT ?`,
  before: `SELECT ${copyColumns} WHERE k.chat_id = ? AND k.seq < ? ORDER BY k.seq DESC LIMIT ?`,
  after: `SELECT ${copyColumns} WHERE k.chat_id = ? AND k.seq > ? ORDER BY k.seq ASC LIMIT ?`,
  ...recordStateSql,
} as const;

export type SharedStatement = keyof typeof sharedSql;

/** PostgreSQL's form of a statement: `?` placeholders become `$1`, `$2`, … in order. */
export function numbered(text: string): string {
  let count = 0;
  return text.replace(/\?/g, () => `$${++count}`);
}
