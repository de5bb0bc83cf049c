// Server, PostgreSQL store: files, avatars, the blob trash and server values. A file that goes
// and its blob's place in the trash are written in one transaction. Whatever changes a file's
// flags or attaches it first locks the rows it depends on (the chat records, the file rows, the
// user), so concurrent deletions, sends and expiry see each other's committed work.
import type pg from 'pg';
import type { Attachment, Chat, Message } from '../../../protocol/contract.js';
import type { StoredAvatar, StoredFile } from '../store.js';
import { attachmentColumns, fileSql } from '../sql/file-statements.js';
import {
  attachmentProblem,
  chatsWithFiles,
  fileValues,
  idsWithFiles,
  toAttachment,
  toAvatar,
  toStoredFile,
  withFiles,
  type AttachmentRow,
  type AvatarRow,
  type FileRow,
  type SendFileRow,
} from '../sql/file-rows.js';
import { numbered } from '../sql/statements.js';
import type { ChatRow, MessageRow } from '../sql/rows.js';
import type { Connections } from './connections.js';

type BlobKeyRow = { blob_key: string };

/** Namespace of the per-blob advisory locks; "msgb" in ASCII. */
const blobLockSpace = 0x6d736762;

const sql = {
  ...(Object.fromEntries(Object.entries(fileSql).map(([name, text]) => [name, numbered(text)])) as Record<
    keyof typeof fileSql,
    string
  >),
  attachmentsOf: `SELECT ${attachmentColumns} FROM files WHERE message_id = ANY($1::bigint[])
    ORDER BY message_id, position`,
  // Locked in id order: a second send of the same upload waits, then finds it attached.
  filesForSend: `SELECT id, uploader, message_id, name, size, mime, sha256, width, height FROM files
    WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
  attachFiles: `UPDATE files f SET message_id = $1, position = v.position - 1
    FROM unnest($2::text[]) WITH ORDINALITY AS v(id, position) WHERE f.id = v.id`,
  // The outer `message_id IS NULL` is checked again on a row a send attached meanwhile.
  expireUploads: `WITH gone AS (
      DELETE FROM files WHERE id IN (
        SELECT id FROM files WHERE message_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2
      ) AND message_id IS NULL RETURNING blob_key
    ), trashed AS (
      INSERT INTO trashed_blobs (blob_key, trashed_at) SELECT blob_key, $3::bigint FROM gone ON CONFLICT DO NOTHING
    ) SELECT count(*)::int AS n FROM gone`,
  // A row createFile or setAvatar deleted meanwhile is skipped: its blob was recorded, not abandoned.
  expirePendingBlobs: `WITH gone AS (
      DELETE FROM pending_blobs WHERE blob_key IN (
        SELECT blob_key FROM pending_blobs WHERE started_at < $1 ORDER BY started_at LIMIT $2
      ) RETURNING blob_key
    ), trashed AS (
      INSERT INTO trashed_blobs (blob_key, trashed_at) SELECT blob_key, $3::bigint FROM gone ON CONFLICT DO NOTHING
    ) SELECT count(*)::int AS n FROM gone`,
  forgetTrashedBlobs: `DELETE FROM trashed_blobs WHERE blob_key = ANY($1::text[])`,
  // Taken after the files go and held to commit: of two transactions letting go of the last two
  // files of one blob at once, the later check then sees the other's delete (no blob left behind).
  lockBlobs: `SELECT count(pg_advisory_xact_lock(${blobLockSpace}, hashtext(k)))::int AS n
    FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys`,
  // trashIfUnused for many keys at once.
  trashUnused: `INSERT INTO trashed_blobs (blob_key, trashed_at) SELECT k, $1::bigint FROM unnest($2::text[]) AS k
    WHERE NOT EXISTS (SELECT 1 FROM files WHERE blob_key = k) ON CONFLICT DO NOTHING`,
  lockChat: `SELECT id FROM chats WHERE owner = $1 AND peer = $2 FOR UPDATE`,
  lockOwnerChats: `SELECT id FROM chats WHERE owner = $1 ORDER BY id FOR UPDATE`,
};

/** A statement prepared once per connection, under a name apart from the store's others. */
function q(name: keyof typeof sql, values: unknown[]): pg.QueryConfig {
  return { name: `files.${name}`, text: sql[name], values };
}

export class PostgresFiles {
  constructor(private readonly db: Connections) {}

  async startBlob(blobKey: string, now: number): Promise<void> {
    await this.db.query(q('startBlob', [blobKey, now]));
  }

  abandonBlob(blobKey: string, now: number): Promise<void> {
    return this.db.transaction(async (c) => {
      await c.query(q('trashPendingBlob', [now, blobKey]));
      await c.query(q('finishBlob', [blobKey]));
    });
  }

  create(file: StoredFile): Promise<void> {
    return this.db.transaction(async (c) => {
      await c.query(q('insertFile', fileValues(file)));
      await c.query(q('finishBlob', [file.blobKey]));
    });
  }

  async countUnattached(uploader: number, cap: number): Promise<number> {
    return Number((await this.db.query<{ n: number }>(q('countUnattached', [uploader, cap])))[0]!.n);
  }

  async readable(id: string, reader: number): Promise<StoredFile | null> {
    const [row] = await this.db.query<FileRow>(q('readableFile', [id, reader, reader]));
    return row ? toStoredFile(row) : null;
  }

  /** The files to attach, in order, locked; or why they cannot be. */
  async forSend(
    c: pg.PoolClient,
    ids: string[],
    from: number,
  ): Promise<Attachment[] | { id: string; reason: 'unknown' | 'used' }> {
    if (ids.length === 0) return [];
    const { rows } = await c.query<SendFileRow>(q('filesForSend', [ids]));
    const problem = attachmentProblem(ids, rows, from);
    if (problem) return problem;
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => toAttachment(byId.get(id)!));
  }

  async attach(c: pg.PoolClient, messageId: number, ids: string[]): Promise<void> {
    if (ids.length > 0) await c.query(q('attachFiles', [messageId, ids]));
  }

  /** The messages read from these rows, with their files (one query, and none for text only). */
  async messages(c: pg.PoolClient, messages: Message[], rows: MessageRow[]): Promise<Message[]> {
    const ids = idsWithFiles(rows);
    if (ids.length === 0) return messages;
    return withFiles(messages, (await c.query<AttachmentRow>(q('attachmentsOf', [ids]))).rows);
  }

  async chats(c: pg.PoolClient, chats: Chat[], rows: ChatRow[]): Promise<Chat[]> {
    const ids = idsWithFiles(rows.map((row) => ({ id: row.m_id ?? 0, attachments: row.m_attachments ?? 0 })));
    if (ids.length === 0) return chats;
    return chatsWithFiles(chats, (await c.query<AttachmentRow>(q('attachmentsOf', [ids]))).rows);
  }

  /**
   * Before the record (owner, peer) is deleted: its side lets go of its copies' files. The record
   * is locked first, so a send into it that commits meanwhile is seen, not cascaded away unseen.
   */
  async releaseChat(c: pg.PoolClient, owner: number, peer: number, now: number): Promise<void> {
    if ((await c.query(q('lockChat', [owner, peer]))).rowCount === 0) return;
    await c.query(q('releaseChatFiles', [owner, owner, owner, peer]));
    await this.trashIfUnused(c, (await c.query<BlobKeyRow>(q('deleteChatFiles', [owner, peer]))).rows, now);
  }

  /** Before every record of the owner is deleted (their account goes): as releaseChat, and the avatar. */
  async releaseOwner(c: pg.PoolClient, owner: number, now: number): Promise<void> {
    await c.query(q('lockOwnerChats', [owner]));
    await c.query(q('releaseOwnerFiles', [owner, owner, owner]));
    await this.trashIfUnused(c, (await c.query<BlobKeyRow>(q('deleteOwnerFiles', [owner]))).rows, now);
    await c.query(q('trashUserAvatars', [now, owner]));
    await c.query(q('deleteUserAvatars', [owner]));
  }

  /** The blobs of files that went: trashed unless another file (a forward) still refers to them. */
  async trashIfUnused(c: pg.PoolClient, gone: BlobKeyRow[], now: number): Promise<void> {
    if (gone.length === 0) return;
    const keys = gone.map((row) => row.blob_key);
    await c.query(q('lockBlobs', [keys]));
    await c.query(q('trashUnused', [now, keys]));
  }

  /** Uploads never attached, and blobs whose write a crash cut short, both from before `before`. */
  async expireUploads(before: number, count: number, now: number): Promise<number> {
    const uploads = (await this.db.query<{ n: number }>(q('expireUploads', [before, count, now])))[0]!.n;
    const pending = (await this.db.query<{ n: number }>(q('expirePendingBlobs', [before, count, now])))[0]!.n;
    return uploads + pending;
  }

  async trashedBlobs(count: number): Promise<string[]> {
    return (await this.db.query<{ blob_key: string }>(q('trashedBlobs', [count]))).map((row) => row.blob_key);
  }

  async forgetTrashedBlobs(blobKeys: string[]): Promise<void> {
    if (blobKeys.length > 0) await this.db.query(q('forgetTrashedBlobs', [blobKeys]));
  }

  /** A user who is not active gets none: the new image goes straight to the trash. */
  setAvatar(userId: number, avatar: StoredAvatar | null, now: number): Promise<void> {
    return this.db.transaction(async (c) => {
      const active = (await c.query(q('setUserAvatar', [avatar?.id ?? null, userId]))).rowCount !== 0;
      if (avatar) await c.query(q('finishBlob', [avatar.blobKey]));
      if (!active) {
        if (avatar) await c.query(q('trashBlob', [avatar.blobKey, now]));
        return;
      }
      await c.query(q('trashUserAvatars', [now, userId]));
      await c.query(q('deleteUserAvatars', [userId]));
      if (avatar) await c.query(q('insertAvatar', [avatar.id, userId, avatar.blobKey, avatar.mime]));
    });
  }

  async findAvatar(id: string): Promise<StoredAvatar | null> {
    const [row] = await this.db.query<AvatarRow>(q('findAvatar', [id]));
    return row ? toAvatar(row) : null;
  }

  async serverValue(name: string): Promise<string | null> {
    return (await this.db.query<{ value: string }>(q('serverValue', [name])))[0]?.value ?? null;
  }

  /** Under READ COMMITTED the read after a conflict sees the value the other claim committed. */
  claimServerValue(name: string, value: string): Promise<string> {
    return this.db.transaction(async (c) => {
      await c.query(q('claimServerValue', [name, value]));
      return (await c.query<{ value: string }>(q('serverValue', [name]))).rows[0]!.value;
    });
  }
}
