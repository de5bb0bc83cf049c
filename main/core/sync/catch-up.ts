// Catching up after a (re)connect, as the protocol prescribes: list the records (every page),
// drop the ones gone, replace the ones recreated, and fetch what is newer than the cache holds.
import type { Chat, Message } from '../../../protocol/contract.js';
import type { ChatCache } from '../cache/chat-cache.js';
import type { Connection } from '../connection/connection.js';
import { allChats } from './pages.js';

/** The requests catch-up makes. */
export type Server = Pick<Connection, 'request'>;
const pageLimit = 200;
/** A chat never cached starts from its newest page; older pages load on demand. */
const firstPage = 50;

export interface CatchUpInput {
  server: Server;
  cache: ChatCache;
  /** The records the client holds now. */
  held: readonly Chat[];
  /** A record gone or recreated: its history was dropped (told before any new messages). */
  dropped: (who: number) => void;
  added: (who: number, messages: Message[]) => Promise<void>;
}

export async function catchUp({ server, cache, held, dropped, added }: CatchUpInput): Promise<Chat[]> {
  const chats = await allChats(server);
  const listed = new Map(chats.map((chat) => [chat.who, chat]));
  for (const old of held) {
    const now = listed.get(old.who);
    if (!now || now.id !== old.id) {
      await cache.dropChat(old.who);
      dropped(old.who);
    }
  }
  for (const chat of chats) {
    const have = await cache.heldSeq(chat.who, chat.id);
    if (chat.lastSeq <= have) continue;
    const messages = have === 0 ? await newestPage(server, cache, chat) : await fillGap(server, cache, chat, have);
    if (messages.length > 0) await added(chat.who, messages);
  }
  return chats;
}

/** Fetches and caches every copy above `have`. */
export async function fillGap(server: Server, cache: ChatCache, chat: Chat, have: number): Promise<Message[]> {
  const fetched: Message[] = [];
  for (let after = have, more = true; more;) {
    const page = await server.request('chat:history', { who: chat.who, afterSeq: after, limit: pageLimit });
    await cache.addMessages(chat.who, chat.id, page.messages);
    fetched.push(...page.messages);
    more = page.hasMore && page.messages.length > 0;
    after = page.messages.at(-1)?.seq ?? after;
  }
  return fetched;
}

async function newestPage(server: Server, cache: ChatCache, chat: Chat): Promise<Message[]> {
  const page = await server.request('chat:history', { who: chat.who, limit: firstPage });
  await cache.addMessages(chat.who, chat.id, page.messages);
  return page.messages;
}
