// Node runtime. The shapes of the cache's files. A file that does not match is discarded, so
// these checks are what lets the rest of the cache trust what it reads. A copy and a chat record
// are kept exactly as the wire contract has them (protocol-schemas.ts).
import { z } from 'zod';
import { chatSchema, messageSchema } from '../protocol-schemas.js';

export const chatListFile = z.object({
  version: z.literal(1),
  chats: z.array(chatSchema),
  /** Peers whose account was deleted (user:updated): "Deleted user" in the user's language. */
  deletedPeers: z.array(z.number().int().positive()).optional(),
});
export type ChatListFile = z.infer<typeof chatListFile>;

/** Copies per page; page n holds seqs n·500+1 … (n+1)·500, so a seq's page never changes. */
export const pageSize = 500;

export function pageOf(seq: number): number {
  return Math.floor((seq - 1) / pageSize);
}

/** `chatId` 0 means no record yet: server record ids start at 1. */
export const chatIndexFile = z
  .object({ version: z.literal(2), chatId: z.number(), pages: z.array(z.number().int().nonnegative()) })
  .refine(({ pages }) => ascending(pages));
export type ChatIndexFile = z.infer<typeof chatIndexFile>;

export const emptyChatIndex = (): ChatIndexFile => ({ version: 2, chatId: 0, pages: [] });

const pageFileShape = z.object({ version: z.literal(2), messages: z.array(messageSchema) });
export type PageFile = z.infer<typeof pageFileShape>;

/** Page `n`'s file: its copies ascending, each belonging to that page (heldSeq reads the last one). */
export function pageFile(n: number) {
  return pageFileShape.refine(
    ({ messages }) => ascending(messages.map((m) => m.seq)) && messages.every((m) => pageOf(m.seq) === n),
  );
}

export const emptyPage = (): PageFile => ({ version: 2, messages: [] });

/** A chat as version 1 kept it: one file of all its copies. */
export const v1ChatFile = z
  .object({ version: z.literal(1), chatId: z.number(), messages: z.array(messageSchema) })
  .refine(({ messages }) => ascending(messages.map((m) => m.seq)));
export type V1ChatFile = z.infer<typeof v1ChatFile>;

export const emptyV1Chat = (): V1ChatFile => ({ version: 1, chatId: 0, messages: [] });

function ascending(values: number[]): boolean {
  return values.every((value, i) => i === 0 || values[i - 1]! < value);
}
