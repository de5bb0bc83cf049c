// Server, SQLite store: files, avatars, the blob trash and server values. Every method runs
// inside the caller's transaction (SqliteStore wraps each call in its GroupCommit), so a file
// that goes and its blob's place in the trash are written together.
import type Database from 'better-sqlite3';
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
import type { ChatRow, MessageRow } from '../sql/rows.js';
import { prepareAll } from './prepare.js';

/** A list of values bound as one JSON array: SQLite reads it with json_each. */
const list = (values: unknown[]) => JSON.stringify(values);

type BlobKeyRow = { blob_key: string };

const sql = {
  ...fileSql,
  attachmentsOf: `SELECT ${attachmentColumns} FROM files
    WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, position`,
  filesForSend: `SELECT id, uploader, message_id, name, size, mime, sha256, width, height FROM files
    WHERE id IN (SELECT value FROM json_each(?))`,
  expireUploads: `DELETE FROM files WHERE id IN (
      SELECT id FROM files WHERE message_id IS NULL AND created_at < ? ORDER BY created_at LIMIT ?)
    RETURNING blob_key`,
  expirePendingBlobs: `DELETE FROM pending_blobs WHERE blob_key IN (
      SELECT blob_key FROM pending_blobs WHERE started_at < ? ORDER BY started_at LIMIT ?)
    RETURNING blob_key`,
  forgetTrashedBlobs: `DELETE FROM trashed_blobs WHERE blob_key IN (SELECT value FROM json_each(?))`,
} as const;

type Statements = { [K in keyof typeof sql]: Database.Statement };

export class SqliteFiles {
  private readonly q: Statements;

  constructor(db: Database.Database) {
    this.q = prepareAll(db, sql);
  }

  startBlob(blobKey: string, now: number): void {
    this.q.startBlob.run(blobKey, now);
  }

  abandonBlob(blobKey: string, now: number): void {
    this.q.trashPendingBlob.run(now, blobKey);
    this.q.finishBlob.run(blobKey);
  }

  create(file: StoredFile): void {
    this.q.insertFile.run(...fileValues(file));
    this.q.finishBlob.run(file.blobKey);
  }

  countUnattached(uploader: number, cap: number): number {
    return (this.q.countUnattached.get(uploader, cap) as { n: number }).n;
  }

  readable(id: string, reader: number): StoredFile | null {
    const row = this.q.readableFile.get(id, reader, reader) as FileRow | undefined;
    return row ? toStoredFile(row) : null;
  }

  /** The files to attach, in order, or why they cannot be; nothing is written. */
  forSend(ids: string[], from: number): Attachment[] | { id: string; reason: 'unknown' | 'used' } {
    if (ids.length === 0) return [];
    const rows = this.q.filesForSend.all(list(ids)) as SendFileRow[];
    const problem = attachmentProblem(ids, rows, from);
    if (problem) return problem;
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => toAttachment(byId.get(id)!));
  }

  attach(messageId: number, ids: string[]): void {
    ids.forEach((id, position) => this.q.attachFile.run(messageId, position, id));
  }

  /** The messages read from these rows, with their files (one query, and none for text only). */
  messages(messages: Message[], rows: MessageRow[]): Message[] {
    const ids = idsWithFiles(rows);
    return ids.length === 0 ? messages : withFiles(messages, this.q.attachmentsOf.all(list(ids)) as AttachmentRow[]);
  }

  chats(chats: Chat[], rows: ChatRow[]): Chat[] {
    const ids = idsWithFiles(rows.map((row) => ({ id: row.m_id ?? 0, attachments: row.m_attachments ?? 0 })));
    return ids.length === 0 ? chats : chatsWithFiles(chats, this.q.attachmentsOf.all(list(ids)) as AttachmentRow[]);
  }

  /** Before the record (owner, peer) is deleted: its side lets go of its copies' files. */
  releaseChat(owner: number, peer: number, now: number): void {
    this.q.releaseChatFiles.run(owner, owner, owner, peer);
    this.trashIfUnused(this.q.deleteChatFiles.all(owner, peer) as BlobKeyRow[], now);
  }

  /** Before every record of the owner is deleted (their account goes): as releaseChat, and the avatar. */
  releaseOwner(owner: number, now: number): void {
    this.q.releaseOwnerFiles.run(owner, owner, owner);
    this.trashIfUnused(this.q.deleteOwnerFiles.all(owner) as BlobKeyRow[], now);
    this.q.trashUserAvatars.run(now, owner);
    this.q.deleteUserAvatars.run(owner);
  }

  /** The blobs of files that went: trashed unless another file (a forward) still refers to them. */
  trashIfUnused(gone: BlobKeyRow[], now: number): void {
    for (const { blob_key } of gone) this.q.trashIfUnused.run(blob_key, now, blob_key);
  }

  /** Uploads never attached, and blobs whose write a crash cut short, both from before `before`. */
  expireUploads(before: number, count: number, now: number): number {
    const gone = [
      ...(this.q.expireUploads.all(before, count) as Array<{ blob_key: string }>),
      ...(this.q.expirePendingBlobs.all(before, count) as Array<{ blob_key: string }>),
    ];
    for (const { blob_key } of gone) this.q.trashBlob.run(blob_key, now);
    return gone.length;
  }

  trashedBlobs(count: number): string[] {
    return (this.q.trashedBlobs.all(count) as Array<{ blob_key: string }>).map((row) => row.blob_key);
  }

  forgetTrashedBlobs(blobKeys: string[]): void {
    if (blobKeys.length > 0) this.q.forgetTrashedBlobs.run(list(blobKeys));
  }

  /** A user who is not active gets none: the new image goes straight to the trash. */
  setAvatar(userId: number, avatar: StoredAvatar | null, now: number): void {
    if (avatar) this.q.finishBlob.run(avatar.blobKey);
    if (this.q.setUserAvatar.run(avatar?.id ?? null, userId).changes === 0) {
      if (avatar) this.q.trashBlob.run(avatar.blobKey, now);
      return;
    }
    this.q.trashUserAvatars.run(now, userId);
    this.q.deleteUserAvatars.run(userId);
    if (avatar) this.q.insertAvatar.run(avatar.id, userId, avatar.blobKey, avatar.mime);
  }

  findAvatar(id: string): StoredAvatar | null {
    const row = this.q.findAvatar.get(id) as AvatarRow | undefined;
    return row ? toAvatar(row) : null;
  }

  serverValue(name: string): string | null {
    return (this.q.serverValue.get(name) as { value: string } | undefined)?.value ?? null;
  }

  claimServerValue(name: string, value: string): string {
    this.q.claimServerValue.run(name, value);
    return this.serverValue(name)!;
  }
}
