// Messages the user wrote that the server has not acknowledged yet. Each is on disk before
// the UI shows it as sending, is resent with the same clientId until acknowledged (the
// server stores a clientId once), and survives a restart or a crash.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Attachment, Quote } from '../../../protocol/contract.js';
import type { Failure, OutboxRecovery } from '../../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import { privateDirMode } from '../storage/durable-write.js';
import { openJsonDoc, type JsonDoc } from '../storage/json-doc.js';
import { emptyOutbox, outboxFileSchema, salvageOutbox, unreadableOutbox, type OutboxFile } from './outbox-file.js';

export interface OutboxItem {
  clientId: string;
  to: number;
  /** The text; with attachments, their caption (possibly empty). */
  content: string;
  createdAt: number;
  state: 'sending' | 'failed';
  failure?: Failure;
  attachments?: OutboxAttachment[];
  /** The message it answers (sent as `replyTo: quote.id`), as it was when the user wrote this. */
  quote?: Quote;
}

/** A file of an unsent message: its bytes in the outbox's folder, and its upload once done. */
export interface OutboxAttachment extends Omit<Attachment, 'id'> {
  /** The file's name in the outbox's folder (Outbox.fileOf). */
  stored: string;
  /** The server's upload id, once POST /api/files answered. */
  id?: string;
}

/** A file handed to the outbox with a new message: moved into the outbox's folder. */
export interface OutgoingFile extends Omit<OutboxAttachment, 'stored' | 'id'> {
  file: string;
}

export class Outbox {
  private constructor(
    private readonly doc: JsonDoc<OutboxFile>,
    /** Set when the file was damaged: what was kept and what was lost, for the user. */
    readonly recovery: OutboxRecovery | null,
    private readonly filesDir: string,
  ) {}

  static async open(dir: string, logger: Logger): Promise<Outbox> {
    let recovery: OutboxRecovery | null = null;
    const salvage = (value: unknown) => {
      const salvaged = salvageOutbox(value);
      recovery = salvaged?.recovery ?? null;
      return salvaged?.file ?? null;
    };
    const file = path.join(dir, 'outbox.json');
    const doc = await openJsonDoc(file, outboxFileSchema, emptyOutbox, { kind: 'outbox', logger }, salvage);
    if (doc.discarded) {
      recovery ??= unreadableOutbox;
      logger.warn(
        `outbox recovered: ${recovery.kept} kept, ${recovery.unreadable ? 'an unknown number' : recovery.lost.length} lost`,
      );
    }
    const outbox = new Outbox(doc, recovery, path.join(dir, 'outbox-files'));
    await outbox.tidyFiles();
    return outbox;
  }

  /** Where an attachment's bytes are until it is sent. */
  fileOf(attachment: Pick<OutboxAttachment, 'stored'>): string {
    return path.join(this.filesDir, attachment.stored);
  }

  get items(): readonly OutboxItem[] {
    return this.doc.data.items;
  }

  /** The next message to send, oldest first; failed ones wait for the user. */
  next(): OutboxItem | undefined {
    return this.items.find((item) => item.state === 'sending');
  }

  find(clientId: string): OutboxItem | undefined {
    return this.items.find((item) => item.clientId === clientId);
  }

  /**
   * Resolves once the message is on disk. Its files are moved into the outbox's folder first, so
   * a crash between the two leaves a file nothing names (removed at the next open), never an
   * item naming a file that is not there.
   */
  async add(to: number, content: string, now: number, files: OutgoingFile[] = [], quote?: Quote): Promise<OutboxItem> {
    const clientId = randomUUID();
    const attachments: OutboxAttachment[] = [];
    if (files.length > 0) await mkdir(this.filesDir, { recursive: true, mode: privateDirMode });
    for (const [index, { file, ...facts }] of files.entries()) {
      const stored = `${clientId}-${index}`;
      await rename(file, path.join(this.filesDir, stored));
      attachments.push({ ...facts, stored });
    }
    const item: OutboxItem = {
      clientId,
      to,
      content,
      createdAt: now,
      state: 'sending',
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(quote ? { quote } : {}),
    };
    await this.doc.update((file) => ({ ...file, items: [...file.items, item] }));
    return item;
  }

  /**
   * Takes the item out. Its files are the caller's to keep (`keepFiles`: the cache adopts a sent
   * message's) or are deleted.
   */
  async remove(clientId: string, keepFiles?: (item: OutboxItem) => Promise<void>): Promise<OutboxItem | undefined> {
    const item = this.find(clientId);
    if (!item) return undefined;
    // Kept before the item goes: a crash between the two resends it (its uploads done, the server
    // answers the first copy) rather than losing the files.
    if (keepFiles) await keepFiles(item);
    await this.doc.update((file) => ({ ...file, items: file.items.filter((i) => i.clientId !== clientId) }));
    for (const attachment of item.attachments ?? []) await rm(this.fileOf(attachment), { force: true });
    return item;
  }

  /** The server took attachment `index`'s upload: its id (and the server's own facts) are kept before going on. */
  async uploaded(clientId: string, index: number, upload: Attachment): Promise<OutboxItem | undefined> {
    return this.replace(clientId, (item) => ({
      ...item,
      attachments: item.attachments?.map((attachment, i) =>
        i === index ? { ...attachment, id: upload.id, mime: upload.mime, sha256: upload.sha256 } : attachment,
      ),
    }));
  }

  /** The server no longer knows the uploads (expired): they are made again. */
  async forgetUploads(clientId: string): Promise<OutboxItem | undefined> {
    return this.replace(clientId, (item) => ({
      ...item,
      attachments: item.attachments?.map(({ id: _id, ...attachment }) => attachment),
    }));
  }

  async fail(clientId: string, failure: Failure): Promise<void> {
    await this.replace(clientId, (item) => ({ ...item, state: 'failed', failure }));
  }

  async retry(clientId: string): Promise<OutboxItem | undefined> {
    return this.replace(clientId, ({ failure: _failure, ...item }) => ({ ...item, state: 'sending' }));
  }

  /** Files a crash left that no item names. */
  private async tidyFiles(): Promise<void> {
    const named = new Set(this.items.flatMap((item) => (item.attachments ?? []).map((a) => a.stored)));
    const names = await readdir(this.filesDir).catch(() => [] as string[]);
    for (const name of names) if (!named.has(name)) await rm(path.join(this.filesDir, name), { force: true });
  }

  private async replace(clientId: string, change: (item: OutboxItem) => OutboxItem): Promise<OutboxItem | undefined> {
    let changed: OutboxItem | undefined;
    await this.doc.update((file) => ({
      ...file,
      items: file.items.map((item) => (item.clientId === clientId ? (changed = change(item)) : item)),
    }));
    return changed;
  }
}
