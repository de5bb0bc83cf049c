// Node runtime. One user's chats on disk: `chats.json` holds the chat list and
// `chats/<peerId>.json` one chat's copies, so adding a message rewrites one conversation,
// never the whole history. Every file carries `version: 1`; a file that is bad or of
// another version is discarded and the caller rebuilds it from the server.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Chat, Message } from '../../../server/protocol/contract.js';
import { openJsonDoc, type JsonDoc } from '../storage/json-doc.js';

export interface ChatCache {
  /** The chat list as last saved, newest updatedAt first ([] when none or discarded). */
  chats(): Chat[];
  saveChats(chats: Chat[]): Promise<void>;
  /** One chat's cached copies ascending by seq ([] when none; a bad file is discarded). */
  messages(who: number): Promise<Message[]>;
  /** Adds copies (ignoring seqs already held) to the chat's file. The file remembers the server record id: a different chatId drops what was held first. */
  addMessages(who: number, chatId: number, messages: Message[]): Promise<void>;
  /** Highest seq held for that record (0 when nothing, or when the file belongs to another record id). */
  heldSeq(who: number, chatId: number): Promise<number>;
  /** Drops a chat's messages file (record deleted or recreated). */
  dropChat(who: number): Promise<void>;
  /** True when some file was bad and discarded since opening: the caller should rebuild from the server. */
  readonly needsRebuild: boolean;
}

const messageSchema = z.object({
  id: z.number(),
  clientId: z.string(),
  user: z.number(),
  name: z.string(),
  date: z.number(),
  content: z.string(),
  seq: z.number().int().positive(),
}) satisfies z.ZodType<Message>;

const chatSchema = z.object({
  id: z.number(),
  user: z.number(),
  who: z.number(),
  name: z.string(),
  unread: z.number(),
  updatedAt: z.number(),
  lastSeq: z.number(),
  last: messageSchema.nullable(),
}) satisfies z.ZodType<Chat>;

const chatListFile = z.object({ version: z.literal(1), chats: z.array(chatSchema) });
type ChatListFile = z.infer<typeof chatListFile>;

/** `chatId` 0 means no record yet: server record ids start at 1. */
const chatFile = z
  .object({ version: z.literal(1), chatId: z.number(), messages: z.array(messageSchema) })
  // heldSeq reads the last copy, so a file out of order cannot be trusted.
  .refine(({ messages }) => messages.every((m, i) => i === 0 || messages[i - 1]!.seq < m.seq));
type ChatFile = z.infer<typeof chatFile>;

const emptyChatFile = (): ChatFile => ({ version: 1, chatId: 0, messages: [] });

/** Opens the cache in `dir`, the folder of one user on one server. */
export async function openChatCache(dir: string): Promise<ChatCache> {
  const listDoc = await openJsonDoc(path.join(dir, 'chats.json'), chatListFile, (): ChatListFile => ({
    version: 1,
    chats: [],
  }));
  return new ShardedChatCache(dir, listDoc);
}

class ShardedChatCache implements ChatCache {
  /** Each chat's file, opened on first use and kept: a long chat is read once, not per message. */
  readonly #chatDocs = new Map<number, Promise<JsonDoc<ChatFile>>>();
  #discardedSome: boolean;

  constructor(
    private readonly dir: string,
    private readonly listDoc: JsonDoc<ChatListFile>,
  ) {
    this.#discardedSome = listDoc.discarded;
  }

  get needsRebuild(): boolean {
    return this.#discardedSome;
  }

  chats(): Chat[] {
    return [...this.listDoc.data.chats];
  }

  async saveChats(chats: Chat[]): Promise<void> {
    await this.listDoc.update({ version: 1, chats: [...chats].sort(newestFirst) });
  }

  async messages(who: number): Promise<Message[]> {
    const doc = await this.chatDoc(who);
    return [...doc.data.messages];
  }

  async addMessages(who: number, chatId: number, messages: Message[]): Promise<void> {
    const doc = await this.chatDoc(who);
    const held = doc.data.chatId === chatId ? doc.data.messages : [];
    const merged = mergeBySeq(held, messages);
    if (doc.data.chatId === chatId && merged === held) return;
    await doc.update({ version: 1, chatId, messages: merged });
  }

  async heldSeq(who: number, chatId: number): Promise<number> {
    const { data } = await this.chatDoc(who);
    return data.chatId === chatId ? (data.messages.at(-1)?.seq ?? 0) : 0;
  }

  async dropChat(who: number): Promise<void> {
    const opened = this.#chatDocs.get(who);
    if (opened) {
      await (await opened).remove();
      return;
    }
    // Not opened: delete without reading it, and make a later open wait for the delete.
    const file = this.chatPath(who);
    const reopened = rm(file, { force: true }).then(() => this.open(file));
    this.#chatDocs.set(who, reopened);
    try {
      await reopened;
    } catch (error) {
      if (this.#chatDocs.get(who) === reopened) this.#chatDocs.delete(who);
      throw error;
    }
  }

  private chatDoc(who: number): Promise<JsonDoc<ChatFile>> {
    let doc = this.#chatDocs.get(who);
    if (!doc) {
      doc = this.open(this.chatPath(who));
      this.#chatDocs.set(who, doc);
    }
    return doc;
  }

  private async open(file: string): Promise<JsonDoc<ChatFile>> {
    const doc = await openJsonDoc(file, chatFile, emptyChatFile);
    if (doc.discarded) this.#discardedSome = true;
    return doc;
  }

  private chatPath(who: number): string {
    if (!Number.isSafeInteger(who) || who < 1) throw new RangeError(`not a user id: ${who}`);
    return path.join(this.dir, 'chats', `${who}.json`);
  }
}

function newestFirst(a: Chat, b: Chat): number {
  return b.updatedAt - a.updatedAt;
}

/** Held copies plus the new seqs, ascending; returns `held` itself when nothing is new. */
function mergeBySeq(held: Message[], incoming: Message[]): Message[] {
  const heldSeqs = new Set(held.map((m) => m.seq));
  const added = new Map<number, Message>();
  for (const message of incoming) {
    if (!heldSeqs.has(message.seq) && !added.has(message.seq)) added.set(message.seq, message);
  }
  if (added.size === 0) return held;
  const fresh = [...added.values()].sort(bySeq);
  const last = held.at(-1)?.seq ?? 0;
  // The usual case, a newer message, appends without sorting the whole chat again.
  if ((fresh[0]?.seq ?? 0) > last) return [...held, ...fresh];
  return [...held, ...fresh].sort(bySeq);
}

function bySeq(a: Message, b: Message): number {
  return a.seq - b.seq;
}
