// Messages the user wrote that the server has not acknowledged yet. Each is on disk before
// the UI shows it as sending, is resent with the same clientId until acknowledged (the
// server stores a clientId once), and survives a restart or a crash.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { limits } from '../../../protocol/limits.js';
import type { Failure } from '../../ipc/contract.js';
import { failureSchema } from '../failure.js';
import type { Logger } from '../log/logger.js';
import { openJsonDoc, type JsonDoc } from '../storage/json-doc.js';

export interface OutboxItem {
  clientId: string;
  to: number;
  content: string;
  createdAt: number;
  state: 'sending' | 'failed';
  failure?: Failure;
}

const itemSchema = z.object({
  clientId: z.string().regex(limits.clientIdPattern),
  to: z.number().int().positive(),
  content: z.string(),
  createdAt: z.number(),
  state: z.enum(['sending', 'failed']),
  failure: failureSchema.optional(),
}) satisfies z.ZodType<OutboxItem>;

interface OutboxFile {
  version: 1;
  items: OutboxItem[];
}
const fileSchema = z.object({ version: z.literal(1), items: z.array(itemSchema) }) satisfies z.ZodType<OutboxFile>;

export class Outbox {
  private constructor(private readonly doc: JsonDoc<OutboxFile>) {}

  static async open(dir: string, logger: Logger): Promise<Outbox> {
    const doc = await openJsonDoc(
      path.join(dir, 'outbox.json'),
      fileSchema,
      (): OutboxFile => ({ version: 1, items: [] }),
      { kind: 'outbox', logger },
    );
    return new Outbox(doc);
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
