// Server, store: the file, avatar, trash and server-value SQL that SQLite and PostgreSQL share,
// with `?` placeholders (PostgreSQL numbers them). An attached file's uploader is always its
// message's sender, so a record's side of a file is told by comparing the owner with the uploader.

/** A file's columns as a StoredFile row. */
export const fileColumns = `id, uploader, name, size, mime, sha256, width, height, blob_key, created_at`;

/** A file's columns as one attachment of a message. */
export const attachmentColumns = `message_id, id, name, size, mime, sha256, width, height`;

/** The copies of one record (owner, peer) or, with `owner` alone, of every record of the owner. */
const copiesOf = {
  chat: `SELECT k.message_id FROM copies k WHERE k.chat_id = (SELECT id FROM chats WHERE owner = ? AND peer = ?)`,
  owner: `SELECT k.message_id FROM copies k JOIN chats c ON c.id = k.chat_id WHERE c.owner = ?`,
};

/**
 * The record's copies no longer hold their files: the owner's side lets go (the sender's side
 * when the owner uploaded them, else the recipient's). Values: owner, owner, then copiesOf's.
 */
function release(copies: string): string {
  return `UPDATE files SET kept_by_sender = (kept_by_sender AND uploader <> ?),
      kept_by_recipient = (kept_by_recipient AND uploader = ?)
    WHERE message_id IN (${copies})`;
}

/** Files of those copies that neither side holds any more. */
function unheld(copies: string): string {
  return `message_id IN (${copies}) AND NOT kept_by_sender AND NOT kept_by_recipient`;
}

export const fileSql = {
  insertFile: `INSERT INTO files (${fileColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  countUnattached: `SELECT count(*) AS n FROM (
      SELECT 1 FROM files WHERE uploader = ? AND message_id IS NULL LIMIT ?) AS u`,
  // By the file's key and its message's: the uploader (always the sender), or the recipient
  // while their record still holds the copy.
  readableFile: `SELECT f.id, f.uploader, f.name, f.size, f.mime, f.sha256, f.width, f.height, f.blob_key, f.created_at
    FROM files f LEFT JOIN messages m ON m.id = f.message_id
    WHERE f.id = ? AND (f.uploader = ? OR (f.kept_by_recipient AND m.recipient = ?))`,
  attachFile: `UPDATE files SET message_id = ?, position = ? WHERE id = ?`,

  releaseChatFiles: release(copiesOf.chat),
  releaseOwnerFiles: release(copiesOf.owner),
  // The blob keys of the files gone go to trashIfUnused: a forwarded file shares its blob.
  deleteChatFiles: `DELETE FROM files WHERE ${unheld(copiesOf.chat)} RETURNING blob_key`,
  deleteOwnerFiles: `DELETE FROM files WHERE ${unheld(copiesOf.owner)} RETURNING blob_key`,
  /** Values: the key, now, the key. A blob goes to the trash once no file row refers to it (files_by_blob). */
  trashIfUnused: `INSERT INTO trashed_blobs (blob_key, trashed_at) SELECT CAST(? AS TEXT), CAST(? AS BIGINT)
    WHERE NOT EXISTS (SELECT 1 FROM files WHERE blob_key = ?) ON CONFLICT DO NOTHING`,

  trashBlob: `INSERT INTO trashed_blobs (blob_key, trashed_at) VALUES (?, ?) ON CONFLICT DO NOTHING`,
  // A blob being written: what it becomes (a file, an avatar) ends its pending row in the same
  // transaction; a write that fails, or a crash, leaves the row for the trash.
  startBlob: `INSERT INTO pending_blobs (blob_key, started_at) VALUES (?, ?)`,
  finishBlob: `DELETE FROM pending_blobs WHERE blob_key = ?`,
  /** Values: now, the key; then finishBlob. Only a pending key: a recorded blob is never trashed here. */
  trashPendingBlob: `INSERT INTO trashed_blobs (blob_key, trashed_at) SELECT blob_key, CAST(? AS BIGINT) FROM pending_blobs
    WHERE blob_key = ? ON CONFLICT DO NOTHING`,
  trashedBlobs: `SELECT blob_key FROM trashed_blobs ORDER BY trashed_at, blob_key LIMIT ?`,

  // Taking the user's row first: two changes of one user's avatar take turns.
  setUserAvatar: `UPDATE users SET avatar = ? WHERE id = ? AND state = 'active'`,
  trashUserAvatars: `INSERT INTO trashed_blobs (blob_key, trashed_at) SELECT blob_key, CAST(? AS BIGINT) FROM avatars
    WHERE user_id = ? ON CONFLICT DO NOTHING`,
  deleteUserAvatars: `DELETE FROM avatars WHERE user_id = ?`,
  insertAvatar: `INSERT INTO avatars (id, user_id, blob_key, mime) VALUES (?, ?, ?, ?)`,
  findAvatar: `SELECT a.id, a.user_id, a.blob_key, a.mime FROM avatars a JOIN users u ON u.id = a.user_id
    WHERE a.id = ? AND u.avatar = a.id`,

  serverValue: `SELECT value FROM server_values WHERE name = ?`,
  claimServerValue: `INSERT INTO server_values (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`,
} as const;
