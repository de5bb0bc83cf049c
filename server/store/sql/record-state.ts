// Server, store: the owner's marks on a chat record (pinned, muted, marked unread) and read
// receipts (the peer has read up to one of the owner's messages), as migration 9 adds them and
// the SQL both stores run (docs/protocol.md 6.12).

/** Migration 9, the same in SQLite and PostgreSQL (BOOLEAN and BIGINT read as SQLite's numbers). */
export const recordStateMigration = `
  ALTER TABLE chats ADD COLUMN pinned_at BIGINT;
  ALTER TABLE chats ADD COLUMN muted BOOLEAN NOT NULL DEFAULT FALSE;
  ALTER TABLE chats ADD COLUMN marked_unread BOOLEAN NOT NULL DEFAULT FALSE;
  -- The highest id of the owner's own messages the peer has read; kept only while both have
  -- read receipts on (turning them off clears it on both sides).
  ALTER TABLE chats ADD COLUMN peer_read_id BIGINT;
  ALTER TABLE users ADD COLUMN read_receipts BOOLEAN NOT NULL DEFAULT TRUE;
  -- The newest message one user sent another, found without walking a record.
  CREATE INDEX messages_by_pair ON messages (sender, recipient, id);
`;

/**
 * The highest id of `writer`'s messages in `reader`'s record, through messages_by_pair: the newest
 * the writer sent the reader, if it is not older than the record's first copy (the reader may have
 * deleted the record since). Ids grow with seq in a record. Values: writer, reader, reader, writer.
 */
export const seenByReader = `(SELECT m.id FROM messages m WHERE m.sender = ? AND m.recipient = ?
    AND m.id >= (SELECT k.message_id FROM copies k
      WHERE k.chat_id = (SELECT id FROM chats WHERE owner = ? AND peer = ?) ORDER BY k.seq LIMIT 1)
    ORDER BY m.id DESC LIMIT 1)`;

export const recordStateSql = {
  // A repeated pin keeps its first time, so pinned chats keep their order.
  setPinned: `UPDATE chats SET pinned_at = CASE WHEN ? THEN coalesce(pinned_at, ?) ELSE NULL END
    WHERE owner = ? AND peer = ? RETURNING id`,
  setMuted: `UPDATE chats SET muted = ? WHERE owner = ? AND peer = ? RETURNING id`,
  markUnread: `UPDATE chats SET marked_unread = TRUE WHERE owner = ? AND peer = ? RETURNING id`,
  // The reader has read everything the writer sent them: the writer's record learns so, when both
  // have receipts on. Values: markSeenValues.
  markSeen: `UPDATE chats SET peer_read_id = ${seenByReader}
    WHERE owner = ? AND peer = ? AND ${seenByReader} > coalesce(peer_read_id, 0)
      AND NOT EXISTS (SELECT 1 FROM users WHERE id IN (?, ?) AND NOT read_receipts)
    RETURNING id, peer_read_id`,
  setReadReceipts: `UPDATE users SET read_receipts = ? WHERE id = ? AND state = 'active'`,
  // Receipts turned off: nobody's record shows what this user read, nor what was read of theirs.
  forgetOwnReceipts: `UPDATE chats SET peer_read_id = NULL WHERE owner = ? AND peer_read_id IS NOT NULL`,
  forgetPeerReceipts: `UPDATE chats SET peer_read_id = NULL WHERE peer = ? AND peer_read_id IS NOT NULL`,
} as const;

/** seenByReader's values: the newest of `writer`'s messages in `reader`'s record. */
export function seenByReaderValues(reader: number, writer: number): number[] {
  return [writer, reader, reader, writer];
}

/** markSeen's values: `reader` has read all of `writer`'s messages in their record. */
export function markSeenValues(reader: number, writer: number): number[] {
  const seen = seenByReaderValues(reader, writer);
  return [...seen, writer, reader, ...seen, writer, reader];
}

/** What chat:pin, chat:mute and chat:mark-unread change on the caller's record. */
export type RecordChange = { pinned: boolean; now: number } | { muted: boolean } | { markedUnread: true };

/** The statement and values that make a change to the record (owner, peer). */
export function recordChangeStatement(
  owner: number,
  peer: number,
  change: RecordChange,
): { name: 'setPinned' | 'setMuted' | 'markUnread'; values: unknown[] } {
  // Booleans are bound as 1 and 0: SQLite binds no booleans, and PostgreSQL reads '1' and '0' as them.
  if ('pinned' in change) return { name: 'setPinned', values: [change.pinned ? 1 : 0, change.now, owner, peer] };
  if ('muted' in change) return { name: 'setMuted', values: [change.muted ? 1 : 0, owner, peer] };
  return { name: 'markUnread', values: [owner, peer] };
}

/** The columns a chat row carries for them (sql/statements.ts reads them with `c.`). */
export interface RecordStateRow {
  pinned_at: number | null;
  muted: boolean | number;
  marked_unread: boolean | number;
  peer_read_id: number | null;
}

/** The wire fields: each present only when set. */
export function recordState(row: RecordStateRow): {
  pinnedAt?: number;
  muted?: true;
  markedUnread?: true;
  peerReadId?: number;
} {
  const state: { pinnedAt?: number; muted?: true; markedUnread?: true; peerReadId?: number } = {};
  if (row.pinned_at !== null) state.pinnedAt = Number(row.pinned_at);
  if (row.muted) state.muted = true;
  if (row.marked_unread) state.markedUnread = true;
  if (row.peer_read_id !== null) state.peerReadId = Number(row.peer_read_id);
  return state;
}
