// Node runtime. The user's requests about one message or one chat (main/ipc/messages-contract.ts):
// recall, edit, delete for me, forward; pin, mute, mark unread; search; jumping to a message.
// Each action carries a clientId kept until the server acknowledges it, so asking again after a
// dropped connection repeats the same action, which the server answers with its first copy.
import { randomUUID } from 'node:crypto';
import type { Chat, Message } from '../../../protocol/contract.js';
import type {
  AroundInput,
  EditInput,
  ForwardInput,
  MessageInput,
  MuteInput,
  PinInput,
  SearchInput,
  SearchResults,
} from '../../ipc/messages-contract.js';
import type { ChatCache } from '../cache/chat-cache.js';
import { isShown } from '../cache/actions.js';
import type { Connection } from '../connection/connection.js';
import { FailureError, isOffline } from '../failure.js';
import type { Logger } from '../log/logger.js';
import { searchCache } from './cache-search.js';

export interface MessageActionsDeps {
  connection: Pick<Connection, 'request' | 'state'>;
  cache: Pick<ChatCache, 'messages'>;
  /** The user's chat records now. */
  chats(): readonly Chat[];
  /** A record the server answered with: kept and announced. */
  keepChat(chat: Chat): Promise<void>;
  /** The copy the server answered an action (or a forward) with, in the chat with `who`. */
  acked(who: number, message: Message): Promise<void>;
  /** Copies fetched from the server: cached and announced. */
  keepPage(chat: Chat, messages: Message[]): Promise<void>;
  /** Cached copies to tell the renderer about. */
  announce(who: number, messages: Message[]): void;
  logger: Logger;
}

/** Refusals that asking again cannot change: the next request is a new action with a new clientId. */
const final = new Set(['bad_request', 'not_found', 'forbidden', 'conflict', 'too_large']);
/** Copies loaded around a quote or a search hit. */
const aroundLimit = 50;

export class MessageActions {
  /** The clientId of each action not acknowledged yet, by what it does. */
  private readonly pending = new Map<string, string>();

  constructor(private readonly deps: MessageActionsDeps) {}

  recall({ who, id }: MessageInput): Promise<void> {
    return this.act(who, `recall ${who} ${id}`, (clientId) =>
      this.deps.connection.request('message:recall', { who, id, clientId }),
    );
  }

  editMessage({ who, id, content }: EditInput): Promise<void> {
    return this.act(who, `edit ${who} ${id} ${content}`, (clientId) =>
      this.deps.connection.request('message:edit', { who, id, content, clientId }),
    );
  }

  hideMessage({ who, id }: MessageInput): Promise<void> {
    return this.act(who, `hide ${who} ${id}`, (clientId) =>
      this.deps.connection.request('message:hide', { who, id, clientId }),
    );
  }

  forward({ from, id, to }: ForwardInput): Promise<void> {
    return this.act(to, `forward ${from} ${id} ${to}`, (clientId) =>
      this.deps.connection.request('message:forward', { from, id, to, clientId }),
    );
  }

  async pinChat({ who, pinned }: PinInput): Promise<void> {
    await this.deps.keepChat((await this.deps.connection.request('chat:pin', { who, pinned })).chat);
  }

  async muteChat({ who, muted }: MuteInput): Promise<void> {
    await this.deps.keepChat((await this.deps.connection.request('chat:mute', { who, muted })).chat);
  }

  async markUnread({ who }: { who: number }): Promise<void> {
    await this.deps.keepChat((await this.deps.connection.request('chat:mark-unread', { who })).chat);
  }

  /** The server's search; this computer's cache when the server cannot be asked (offline, or too old to know it). */
  async searchMessages({ q, who }: SearchInput): Promise<SearchResults> {
    if (this.deps.connection.state === 'online') {
      try {
        const page = await this.deps.connection.request('messages:search', {
          q,
          ...(who === undefined ? {} : { who }),
        });
        return { hits: page.hits, fromCache: false };
      } catch (error) {
        if (!isOffline(error) && !isUnknownRequest(error)) throw error;
        this.deps.logger.info('searching this computer’s cache: the server could not be asked');
      }
    }
    const chats = this.deps.chats().filter((chat) => who === undefined || chat.who === who);
    return { hits: await searchCache(this.deps.cache, chats, q), fromCache: true };
  }

  /** Online, the server's copies around `seq` join the cache; offline, the cached ones are told again. */
  async loadAround({ who, seq }: AroundInput): Promise<void> {
    const chat = this.deps.chats().find((c) => c.who === who);
    if (!chat) throw new FailureError({ code: 'not_found', message: 'There is no chat with this user.' });
    if (this.deps.connection.state === 'online') {
      try {
        const page = await this.deps.connection.request('chat:history', { who, aroundSeq: seq, limit: aroundLimit });
        await this.deps.keepPage(chat, page.messages);
        return;
      } catch (error) {
        if (!isOffline(error)) throw error;
      }
    }
    const half = aroundLimit / 2;
    const near = (await this.deps.cache.messages(who)).filter((m) => Math.abs(m.seq - seq) <= half && isShown(m));
    if (near.length > 0) this.deps.announce(who, near);
  }

  private async act(who: number, what: string, send: (clientId: string) => Promise<{ message: Message }>) {
    const clientId = this.pending.get(what) ?? randomUUID();
    this.pending.set(what, clientId);
    let message: Message;
    try {
      ({ message } = await send(clientId));
    } catch (error) {
      if (error instanceof FailureError && final.has(error.failure.code)) this.pending.delete(what);
      throw error;
    }
    this.pending.delete(what);
    await this.deps.acked(who, message);
  }
}

/** What a server from before messages:search answers it (docs/protocol.md: unknown requests). */
function isUnknownRequest(error: unknown): boolean {
  return (
    error instanceof FailureError &&
    error.failure.code === 'bad_request' &&
    error.failure.message.startsWith('Unknown request')
  );
}
