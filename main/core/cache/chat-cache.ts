// Node runtime. One user's chats on disk: `chats.json` holds the chat list and
// `chats/<peerId>/` one chat's copies in pages (chat-pages.ts), so adding a message rewrites
// one page of one conversation, never the whole history. Every file carries a version; a
// file that is bad or of another version is discarded and the caller rebuilds it from the
// server, except a version-1 chat file, which is converted to pages.
import path from 'node:path';
import type { Attachment, Chat, Message } from '../../../protocol/contract.js';
import { byRecency } from '../../../protocol/order.js';
import type { Logger } from '../log/logger.js';
import { stderrLogger } from '../log/profile-log.js';
import { openJsonDoc, type JsonDoc } from '../storage/json-doc.js';
import { ChatPages, type ChatPlace } from './chat-pages.js';
import { chatListFile, type ChatListFile } from './schemas.js';

export interface ChatCache {
  /** The chat list as last saved, newest updatedAt first ([] when none or discarded). */
  chats(): Chat[];
  saveChats(chats: Chat[]): Promise<void>;
  /** Peers whose account was deleted, as told by the server. */
  deletedPeers(): number[];
  markDeleted(peer: number): Promise<void>;
  /** One chat's cached copies ascending by seq ([] when none; a bad file is discarded). */
  messages(who: number): Promise<Message[]>;
  /**
   * Adds copies (ignoring seqs already held) to the chat's files. They remember the server record
   * id: a different chatId drops what was held first. Action copies among them (recall, edit,
   * hide) rewrite the held messages they are about, which are answered.
   */
  addMessages(who: number, chatId: number, messages: Message[]): Promise<Message[]>;
  /** Highest seq held for that record (0 when nothing, or when the files belong to another record id). */
  heldSeq(who: number, chatId: number): Promise<number>;
  /** Drops a chat's messages files (record deleted or recreated). */
  dropChat(who: number): Promise<void>;
  /** True when some file was bad and discarded since opening: the caller should rebuild from the server. */
  readonly needsRebuild: boolean;
}

/** Opens the cache in `dir`, the folder of one user on one server; bad files are told to `logger`. */
export async function openChatCache(
  dir: string,
  logger: Logger = stderrLogger,
  /** Files of a held message its sender recalled: no longer to be shown from this computer. */
  erased: (attachments: Attachment[]) => void = () => undefined,
): Promise<ChatCache> {
  const listDoc = await openJsonDoc(
    path.join(dir, 'chats.json'),
    chatListFile,
    (): ChatListFile => ({ version: 1, chats: [] }),
    { kind: 'chat list', logger },
  );
  return new ShardedChatCache(dir, listDoc, logger, erased);
}

class ShardedChatCache implements ChatCache {
  /** Each chat, opened on first use and kept. */
  readonly #opened = new Map<number, ChatPages>();
  /** The last call asked of each chat: a chat's calls run one at a time, in the order asked. */
  readonly #turns = new Map<number, Promise<unknown>>();
  #discardedSome: boolean;

  constructor(
    private readonly dir: string,
    private readonly listDoc: JsonDoc<ChatListFile>,
    private readonly logger: Logger,
    private readonly erased: (attachments: Attachment[]) => void,
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
    await this.listDoc.update({ ...this.listDoc.data, chats: [...chats].sort(byRecency) });
  }

  deletedPeers(): number[] {
    return [...(this.listDoc.data.deletedPeers ?? [])];
  }

  async markDeleted(peer: number): Promise<void> {
    const deletedPeers = this.listDoc.data.deletedPeers ?? [];
    if (deletedPeers.includes(peer)) return;
    await this.listDoc.update({ ...this.listDoc.data, deletedPeers: [...deletedPeers, peer] });
  }

  async messages(who: number): Promise<Message[]> {
    return this.#withChat(who, (chat) => chat.messages());
  }

  async addMessages(who: number, chatId: number, messages: Message[]): Promise<Message[]> {
    return this.#withChat(who, (chat) => chat.add(chatId, messages));
  }

  async heldSeq(who: number, chatId: number): Promise<number> {
    return this.#withChat(who, (chat) => chat.heldSeq(chatId));
  }

  async dropChat(who: number): Promise<void> {
    const place = this.#place(who);
    return this.#inTurn(who, async () => {
      this.#opened.set(who, await ChatPages.drop(place));
    });
  }

  #withChat<R>(who: number, work: (chat: ChatPages) => Promise<R>): Promise<R> {
    const place = this.#place(who);
    return this.#inTurn(who, async () => {
      let chat = this.#opened.get(who);
      if (!chat) {
        chat = await ChatPages.open(place);
        this.#opened.set(who, chat);
      }
      return work(chat);
    });
  }

  #inTurn<R>(who: number, work: () => Promise<R>): Promise<R> {
    const run = (this.#turns.get(who) ?? Promise.resolve()).then(work);
    const done = run.then(
      () => undefined,
      () => undefined,
    );
    this.#turns.set(who, done);
    void done.then(() => {
      if (this.#turns.get(who) === done) this.#turns.delete(who);
    });
    return run;
  }

  #place(who: number): ChatPlace {
    if (!Number.isSafeInteger(who) || who < 1) throw new RangeError(`not a user id: ${who}`);
    const chats = path.join(this.dir, 'chats');
    return {
      folder: path.join(chats, String(who)),
      v1File: path.join(chats, `${who}.json`),
      logger: this.logger,
      discarded: () => {
        this.#discardedSome = true;
      },
      erased: this.erased,
    };
  }
}
