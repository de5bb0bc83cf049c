// Node runtime. What the outbox file holds, and what is read back from one that is damaged:
// every item that is still whole is kept (and sent), and what is not is described for the user.
import { z } from 'zod';
import { limits } from '../../../protocol/limits.js';
import type { LostMessage, OutboxRecovery } from '../../ipc/contract.js';
import { failureSchema } from '../failure.js';
import { attachmentSchema, fileIdSchema, quoteSchema } from '../protocol-schemas.js';
import type { OutboxAttachment, OutboxItem } from './outbox.js';

const outboxAttachmentSchema = attachmentSchema.omit({ id: true }).extend({
  stored: z.string().regex(/^[A-Za-z0-9-]+$/),
  id: fileIdSchema.optional(),
}) satisfies z.ZodType<OutboxAttachment>;

export const itemSchema = z.object({
  clientId: z.string().regex(limits.clientIdPattern),
  to: z.number().int().positive(),
  content: z.string(),
  createdAt: z.number(),
  state: z.enum(['sending', 'failed']),
  failure: failureSchema.optional(),
  attachments: z.array(outboxAttachmentSchema).optional(),
  quote: quoteSchema.optional(),
}) satisfies z.ZodType<OutboxItem>;

export interface OutboxFile {
  version: 1;
  items: OutboxItem[];
}
export const outboxFileSchema = z.object({
  version: z.literal(1),
  items: z.array(itemSchema),
}) satisfies z.ZodType<OutboxFile>;

export const emptyOutbox = (): OutboxFile => ({ version: 1, items: [] });

/**
 * Reads what it can of a file that is JSON but not a whole outbox: each item on its own.
 * Null when there is no list of items to read at all.
 */
export function salvageOutbox(value: unknown): { file: OutboxFile; recovery: OutboxRecovery } | null {
  const items: unknown = isRecord(value) ? value['items'] : undefined;
  if (!Array.isArray(items)) return null;
  const kept: OutboxItem[] = [];
  const lost: LostMessage[] = [];
  for (const item of items) {
    const parsed = itemSchema.safeParse(item);
    if (parsed.success) kept.push(parsed.data);
    else lost.push(lostMessage(item));
  }
  return { file: { version: 1, items: kept }, recovery: { kept: kept.length, lost, unreadable: false } };
}

/** The file was not JSON at all: nothing could be read back, nor counted. */
export const unreadableOutbox: OutboxRecovery = { kept: 0, lost: [], unreadable: true };

/** Whatever of a broken item the user could recognise: who it was to and what it said. */
function lostMessage(item: unknown): LostMessage {
  const to = isRecord(item) ? item['to'] : undefined;
  const content = isRecord(item) ? item['content'] : undefined;
  return {
    to: typeof to === 'number' && Number.isSafeInteger(to) && to > 0 ? to : null,
    content: typeof content === 'string' ? content : null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
