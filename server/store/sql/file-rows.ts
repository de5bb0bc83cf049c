// Server, store: the file and avatar rows both stores read, and how a page of messages gets its
// files (read in one query for the whole page, only when some message of it has any).
import { withAttachments } from '../../../protocol/attachments.js';
import type { Attachment, Chat, Message } from '../../../protocol/contract.js';
import type { StoredAvatar, StoredFile } from '../store.js';

interface AttachmentColumns {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  width: number | null;
  height: number | null;
}

export type FileRow = AttachmentColumns & { uploader: number; blob_key: string; created_at: number };

export type AttachmentRow = AttachmentColumns & { message_id: number };

/** What sendMessage reads of each file it attaches. */
export type SendFileRow = AttachmentColumns & { uploader: number; message_id: number | null };

export interface AvatarRow {
  id: string;
  user_id: number;
  blob_key: string;
  mime: string;
}

export function toAttachment(row: AttachmentColumns): Attachment {
  const attachment: Attachment = { id: row.id, name: row.name, size: row.size, mime: row.mime, sha256: row.sha256 };
  if (row.width !== null) attachment.width = row.width;
  if (row.height !== null) attachment.height = row.height;
  return attachment;
}

export function toStoredFile(row: FileRow): StoredFile {
  return { ...toAttachment(row), uploader: row.uploader, blobKey: row.blob_key, createdAt: row.created_at };
}

export function toAvatar(row: AvatarRow): StoredAvatar {
  return { id: row.id, userId: row.user_id, blobKey: row.blob_key, mime: row.mime };
}

/** The values of insertFile (sql/file-statements.ts), in its column order. */
export function fileValues(file: StoredFile): unknown[] {
  const { id, uploader, name, size, mime, sha256, width, height, blobKey, createdAt } = file;
  return [id, uploader, name, size, mime, sha256, width ?? null, height ?? null, blobKey, createdAt];
}

/**
 * Why an attachment list cannot be attached by `from`, checked in order: an id that is not an
 * upload of the sender (or is listed twice) or one already attached. Null: all of them can.
 */
export function attachmentProblem(
  ids: string[],
  found: SendFileRow[],
  from: number,
): { id: string; reason: 'unknown' | 'used' } | null {
  const byId = new Map(found.map((row) => [row.id, row]));
  const seen = new Set<string>();
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || row.uploader !== from) return { id, reason: 'unknown' };
    if (row.message_id !== null || seen.has(id)) return { id, reason: 'used' };
    seen.add(id);
  }
  return null;
}

/** The messages with the files of those that have any (placeholder content, caption, attachments). */
export function withFiles(messages: Message[], rows: AttachmentRow[]): Message[] {
  if (rows.length === 0) return messages;
  const byMessage = new Map<number, Attachment[]>();
  for (const row of rows) {
    const list = byMessage.get(row.message_id) ?? [];
    list.push(toAttachment(row));
    byMessage.set(row.message_id, list);
  }
  return messages.map((message) => withAttachments(message, byMessage.get(message.id) ?? []));
}

/** The records with the files of their `last` messages. */
export function chatsWithFiles(chats: Chat[], rows: AttachmentRow[]): Chat[] {
  if (rows.length === 0) return chats;
  const lasts = withFiles(
    chats.flatMap((chat) => (chat.last ? [chat.last] : [])),
    rows,
  );
  const byId = new Map(lasts.map((message) => [message.id, message]));
  return chats.map((chat) => (chat.last ? { ...chat, last: byId.get(chat.last.id)! } : chat));
}

/** Ids of the messages (rows with an `attachments` count) that carry files. */
export function idsWithFiles(rows: Array<{ id: number; attachments: number }>): number[] {
  return rows.filter((row) => row.attachments > 0).map((row) => row.id);
}
