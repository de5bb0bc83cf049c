// Node runtime. One chat's copies on disk, in pages by seq: `chats/<peer>/<n>.json` holds page
// n (at most 500 copies) and `chats/<peer>/index.json` the server record id and which pages
// exist. A newer message rewrites only its own page, so its cost does not grow with the chat.
//
// Pages are written one after another in ascending order, then the index that lists them:
// after a crash the index lists no page that was never written, and a batch cut short keeps
// its lower pages, so what catch-up fetched is lost from the top and fetched again. A page
// that no index lists is never read.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Attachment, Message } from '../../../protocol/contract.js';
import type { Logger } from '../log/logger.js';
import { applyActions, isAction } from './actions.js';
import { freshJsonDoc, openJsonDoc, type JsonDoc } from '../storage/json-doc.js';
import {
  chatIndexFile,
  emptyChatIndex,
  emptyPage,
  emptyV1Chat,
  pageFile,
  pageOf,
  v1ChatFile,
  type ChatIndexFile,
  type PageFile,
} from './schemas.js';

/** Where one chat lives: its folder of pages, and the single file version 1 kept it in. */
export interface ChatPlace {
  folder: string;
  v1File: string;
  /** Told of bad files and of what could not be cleaned up. */
  logger: Logger;
  /** Called when a file was bad and discarded: the caller should rebuild from the server. */
  discarded: () => void;
  /** A held message's files were recalled: the caller lets go of their cached bytes. */
  erased: (attachments: Attachment[]) => void;
}

/** Not safe for overlapping calls: ChatCache runs one call at a time per chat. */
export class ChatPages {
  /** Pages read or written since opening, kept: a long chat is read once, not per message. */
  readonly #pages = new Map<number, JsonDoc<PageFile>>();

  private constructor(
    private readonly place: ChatPlace,
    private readonly index: JsonDoc<ChatIndexFile>,
  ) {}

  static async open(place: ChatPlace): Promise<ChatPages> {
    const index = await openJsonDoc(path.join(place.folder, 'index.json'), chatIndexFile, emptyChatIndex, {
      kind: 'chat index',
      logger: place.logger,
    });
    const chat = new ChatPages(place, index);
    if (index.discarded) {
      place.discarded();
      await chat.#clear();
    } else if (isEmpty(index.data)) {
      await chat.#convertV1();
    }
    return chat;
  }

  /** Deletes a chat's files without reading them; returns the chat, now empty. */
  static async drop(place: ChatPlace): Promise<ChatPages> {
    await rm(place.folder, { recursive: true, force: true });
    await rm(place.v1File, { force: true });
    return new ChatPages(place, freshJsonDoc(path.join(place.folder, 'index.json'), emptyChatIndex));
  }

  async messages(): Promise<Message[]> {
    const { pages } = this.index.data;
    if (!(await this.#load(pages))) return [];
    return pages.flatMap((n) => this.#pages.get(n)!.data.messages);
  }

  async heldSeq(chatId: number): Promise<number> {
    if (this.index.data.chatId !== chatId) return 0;
    const { pages } = this.index.data;
    for (let i = pages.length - 1; i >= 0; i--) {
      if (!(await this.#load([pages[i]!]))) return 0;
      const last = this.#pages.get(pages[i]!)!.data.messages.at(-1);
      if (last) return last.seq;
    }
    return 0;
  }

  /**
   * Adds copies; the actions among them change the messages they are about first (held ones are
   * rewritten before the action itself is kept, so a crash between the two only repeats the
   * action). Answers the held copies that changed.
   */
  async add(chatId: number, messages: Message[]): Promise<Message[]> {
    if (this.index.data.chatId !== chatId && !isEmpty(this.index.data)) await this.#clear();
    const actions = messages.filter(isAction).sort(ascendingSeq);
    const changed = actions.length > 0 ? await this.#applyToHeld(actions) : [];
    const incoming = actions.length > 0 ? messages.map((m) => applyActions(m, actions)) : messages;
    const byPage = pagesOf(incoming);
    const numbers = [...byPage.keys()].sort((a, b) => a - b);
    await this.#load(numbers.filter((n) => this.#listed(n)));
    const created: number[] = [];
    for (const n of numbers) {
      // A page open but not listed is one whose first write failed: its copies are kept.
      let page = this.#pages.get(n);
      if (!page) {
        page = freshJsonDoc<PageFile>(this.#pagePath(n), emptyPage);
        this.#pages.set(n, page);
      }
      const merged = mergeBySeq(page.data.messages, byPage.get(n)!);
      if (merged !== page.data.messages) await page.update({ version: 2, messages: merged });
      if (!this.#listed(n)) created.push(n);
    }
    if (created.length > 0 || this.index.data.chatId !== chatId) {
      const pages = [...this.index.data.pages, ...created].sort((a, b) => a - b);
      await this.index.update({ version: 2, chatId, pages });
    }
    return changed;
  }

  /** Rewrites each page holding a copy the actions change; answers the changed copies. */
  async #applyToHeld(actions: Message[]): Promise<Message[]> {
    const { pages } = this.index.data;
    if (!(await this.#load(pages))) return [];
    const changed: Message[] = [];
    for (const n of pages) {
      const page = this.#pages.get(n)!;
      let differs = false;
      const messages = page.data.messages.map((message) => {
        const now = applyActions(message, actions);
        if (now !== message) {
          differs = true;
          changed.push(now);
          if (message.attachments && !now.attachments) this.place.erased(message.attachments);
        }
        return now;
      });
      if (differs) await page.update({ version: 2, messages });
    }
    return changed;
  }

  /** Opens the listed pages not opened yet; false when one was bad, which empties the chat. */
  async #load(numbers: number[]): Promise<boolean> {
    const opening = numbers.filter((n) => !this.#pages.has(n));
    let bad = false;
    // A few at a time: a very long chat opened all at once could run out of file handles, and
    // a page that cannot be read costs the whole chat.
    for (let i = 0; i < opening.length && !bad; i += 8) {
      const batch = opening.slice(i, i + 8);
      const log = { kind: 'chat page', logger: this.place.logger };
      const opened = await Promise.all(batch.map((n) => openJsonDoc(this.#pagePath(n), pageFile(n), emptyPage, log)));
      opened.forEach((page, j) => this.#pages.set(batch[j]!, page));
      bad ||= opened.some((page) => page.discarded);
    }
    if (!bad) return true;
    // A hole in the middle of the history would never be fetched again: the whole chat goes,
    // as a bad single file did, and is rebuilt from the server.
    this.place.discarded();
    await this.#clear();
    return false;
  }

  /** The index goes first: a crash midway leaves only pages that no index lists. */
  async #clear(): Promise<void> {
    await this.index.remove();
    this.#pages.clear();
    const names = await readdir(this.place.folder).catch((error: unknown) => {
      // No folder: nothing to clear.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.place.logger.caught('listing a chat’s pages', error);
      return [];
    });
    await Promise.all(
      names
        .filter((name) => /^\d+\.json$/.test(name))
        .map((name) => rm(path.join(this.place.folder, name), { force: true })),
    );
    await rm(this.place.v1File, { force: true });
  }

  /** A chat version 1 kept in one file is written as pages, then that file is deleted. */
  async #convertV1(): Promise<void> {
    const old = await openJsonDoc(this.place.v1File, v1ChatFile, emptyV1Chat, {
      kind: 'chat (version 1)',
      logger: this.place.logger,
    });
    if (old.discarded) this.place.discarded();
    const { chatId, messages } = old.data;
    if (chatId === 0 && messages.length === 0) return;
    await this.add(chatId, messages);
    await rm(this.place.v1File, { force: true });
  }

  #listed(n: number): boolean {
    return this.index.data.pages.includes(n);
  }

  #pagePath(n: number): string {
    return path.join(this.place.folder, `${n}.json`);
  }
}

function isEmpty(index: ChatIndexFile): boolean {
  return index.chatId === 0 && index.pages.length === 0;
}

/** Each page's copies, ascending, each seq once (its first copy wins). */
function pagesOf(messages: Message[]): Map<number, Message[]> {
  const bySeq = new Map<number, Message>();
  for (const message of messages) {
    if (!Number.isSafeInteger(message.seq) || message.seq < 1) throw new RangeError(`not a seq: ${message.seq}`);
    if (!bySeq.has(message.seq)) bySeq.set(message.seq, message);
  }
  const pages = new Map<number, Message[]>();
  for (const message of [...bySeq.values()].sort(ascendingSeq)) {
    const n = pageOf(message.seq);
    const page = pages.get(n);
    if (page) page.push(message);
    else pages.set(n, [message]);
  }
  return pages;
}

/** A page's copies plus new ones (ascending, unique); `held` itself when nothing is new. */
function mergeBySeq(held: Message[], incoming: Message[]): Message[] {
  // The usual case, newer copies, appends without looking at the held ones.
  if (incoming[0]!.seq > (held.at(-1)?.seq ?? 0)) return [...held, ...incoming];
  const heldSeqs = new Set(held.map((m) => m.seq));
  const fresh = incoming.filter((m) => !heldSeqs.has(m.seq));
  if (fresh.length === 0) return held;
  return [...held, ...fresh].sort(ascendingSeq);
}

function ascendingSeq(a: Message, b: Message): number {
  return a.seq - b.seq;
}
