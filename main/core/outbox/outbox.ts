// Messages the user wrote that the server has not acknowledged yet. Each is on disk before
// the UI shows it as sending, is resent with the same clientId until acknowledged (the
// server stores a clientId once), and survives a restart or a crash.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Failure, OutboxRecovery } from '../../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import { openJsonDoc, type JsonDoc } from '../storage/json-doc.js';
import { emptyOutbox, outboxFileSchema, salvageOutbox, unreadableOutbox, type OutboxFile } from './outbox-file.js';

export interface OutboxItem {
  clientId: string;
  to: number;
  content: string;
  createdAt: number;
  state: 'sending' | 'failed';
  failure?: Failure;
}

export class Outbox {
  private constructor(
    private readonly doc: JsonDoc<OutboxFile>,
    /** Set when the file was damaged: what was kept and what was lost, for the user. */
    readonly recovery: OutboxRecovery | null,
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
    return new Outbox(doc, recovery);
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

  /** Resolves once the message is on disk. */
  async add(to: number, content: string, now: number): Promise<OutboxItem> {
    const item: OutboxItem = { clientId: randomUUID(), to, content, createdAt: now, state: 'sending' };
    await this.doc.update((file) => ({ ...file, items: [...file.items, item] }));
    return item;
  }

  async remove(clientId: string): Promise<OutboxItem | undefined> {
    const item = this.find(clientId);
    if (item) await this.doc.update((file) => ({ ...file, items: file.items.filter((i) => i.clientId !== clientId) }));
    return item;
  }

  async fail(clientId: string, failure: Failure): Promise<void> {
    await this.replace(clientId, (item) => ({ ...item, state: 'failed', failure }));
  }

  async retry(clientId: string): Promise<OutboxItem | undefined> {
    return this.replace(clientId, ({ failure: _failure, ...item }) => ({ ...item, state: 'sending' }));
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
