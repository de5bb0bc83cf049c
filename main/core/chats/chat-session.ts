// Node runtime. One signed-in user's chats: the connection, the cache and the outbox together.
// Server events, acks of our sends and catch-up run one at a time, so the cache never sees them
// interleaved and each send is announced once.
import type {
  Account,
  Chat,
  ChatMessage,
  ConnectionState,
  HistoryInput,
  HistoryPage,
  MessengerEvents,
  User,
} from '../../ipc/contract.js';
import { UnsentFiles } from './unsent-files.js';
import {
  httpPaths,
  type Message,
  type ServerClosing,
  type ServerEvent,
  type ServerEventPayload,
  type UserUpdate,
} from '../../../protocol/contract.js';
import type { ServedFile } from '../bridge.js';
import type { ChatCache } from '../cache/chat-cache.js';
import { Connection } from '../connection/connection.js';
import type { CoreTimers } from '../notify/do-not-disturb-end.js';
import { failure, FailureError, isOffline } from '../failure.js';
import type { Logger } from '../log/logger.js';
import { upload } from '../files/transfer.js';
import type { Outbox, OutboxItem, OutgoingFile } from '../outbox/outbox.js';
import { catchUp, fillGap } from '../sync/catch-up.js';
import { allUsers } from '../sync/pages.js';
import { OutboxSender } from '../outbox/outbox-sender.js';
import { pinnedFirst } from '../../../protocol/order.js';
import { isAction, isShown } from '../cache/actions.js';
import { planHistory } from './history-plan.js';
import { Directory } from './directory.js';
import { chatView, sentMessage, unsentMessage } from './views.js';
import { changedBy, quoteFor } from './action-effects.js';
import { MessageActions } from './message-actions.js';

export type Emit = <E extends keyof MessengerEvents>(event: E, payload: MessengerEvents[E]) => void;

export interface ChatSessionDeps {
  account: Account;
  token: string;
  cache: ChatCache;
  outbox: Outbox;
  emit: Emit;
  now: () => number;
  /** A copy arrived from the server (for notifications). */
  arrived: (incoming: { chat: Chat; message: Message }) => void;
  /** The server said it is stopping (`server:closing`), or null once connected again. */
  serverNotice: (notice: ServerClosing | null) => void;
  /** A sent message's files, still in the outbox's folder: the cache takes them. */
  keepSentFiles: (item: OutboxItem, fileOf: Outbox['fileOf']) => Promise<void>;
  logger: Logger;
  /** The connection's grace-period timer; real timers by default. */
  timers?: CoreTimers;
}

const defaultPage = 50;

export class ChatSession {
  readonly connection: Connection;
  /** Recall, edit, hide, forward; pin, mute, mark unread; search; jumping to a message. */
  readonly actions: MessageActions;
  private readonly sender: OutboxSender;
  private readonly directory: Directory;
  private chatList: Chat[];
  private viewing: number | null = null;
  private work: Promise<unknown> = Promise.resolve();
  private readonly unsentFiles: UnsentFiles;

  constructor(private readonly deps: ChatSessionDeps) {
    this.chatList = deps.cache.chats().sort(pinnedFirst);
    this.unsentFiles = new UnsentFiles(deps);
    this.sender = new OutboxSender({
      outbox: deps.outbox,
      online: () => this.connection.state === 'online',
      send: (request) => this.connection.request('message:send', request),
      upload: (input) => upload({ serverUrl: deps.account.serverUrl, token: deps.token }, httpPaths.files, input),
      progress: (clientId, index, sent) => this.unsentFiles.uploaded(clientId, index, sent),
      acked: (clientId, message) => this.serial(() => this.acked(clientId, message)),
      refused: (clientId) => this.emitUnsent(clientId),
      sessionEnded: () => this.sessionEnded(),
      logger: deps.logger,
    });
    this.directory = new Directory({
      watch: async (ids) => (await this.connection.request('presence:watch', { ids })).online,
      presence: (change) => deps.emit('presence', change),
      chats: () => this.chatList,
      logger: deps.logger,
    });
    this.connection = new Connection({
      serverUrl: deps.account.serverUrl,
      token: deps.token,
      state: (state) => this.onState(state),
      connected: () => this.serial(() => this.onConnected()),
      // A handler that fails (the connection dropped mid-gap, a disk error) leaves the next catch-up to repair.
      event: (event, payload) =>
        void this.serial(() => this.serverEvents[event](payload)).catch((error: unknown) =>
          deps.logger.caught(`handling ${event}`, error),
        ),
      logger: deps.logger,
      ...(deps.timers ? { timers: deps.timers } : {}),
    });
    this.actions = new MessageActions({
      connection: this.connection,
      cache: deps.cache,
      chats: () => this.chatList,
      keepChat: (chat) => this.serial(() => this.putChat(chat)),
      acked: (who, message) => this.serial(() => this.ackedAction(who, message)),
      keepPage: (chat, messages) =>
        this.serial(async () => {
          await deps.cache.addMessages(chat.who, chat.id, messages);
          await this.stored(chat.who, messages);
        }),
      announce: (who, messages) => this.deps.emit('messages', { who, messages: messages.map(sentMessage) }),
      logger: deps.logger,
    });
  }

  start(): void {
    this.connection.start();
  }

  stop(): void {
    this.sender.stop();
    this.directory.stop();
    this.connection.stop();
  }

  /** Resolves once the server events and acks already taken are on disk; call after stop(). */
  settled(): Promise<void> {
    return this.work.then(noop);
  }

  /** As the list shows them: pinned first, a chat marked unread with at least one unread. */
  get chats(): Chat[] {
    return this.chatList.map(chatView);
  }

  /** Peers whose account was deleted: the window shows them as "Deleted user". */
  get deletedPeers(): number[] {
    return this.deps.cache.deletedPeers();
  }

  get viewedChat(): number | null {
    return this.viewing;
  }

  async listUsers(): Promise<User[]> {
    try {
      this.directory.listed(await allUsers(this.connection));
    } catch (error) {
      if (!isOffline(error)) throw error;
    }
    return this.directory.users;
  }

  async openChat(who: number): Promise<Chat | null> {
    this.viewing = who;
    if (this.connection.state !== 'online') return this.chatList.find((chat) => chat.who === who) ?? null;
    try {
      const { chat } = await this.connection.request('chat:open', { who });
      await this.serial(() => this.putChat(chat));
      return chat;
    } catch (error) {
      if (!isOffline(error) && this.viewing === who) this.viewing = null;
      throw error;
    }
  }

  async closeChat(who: number): Promise<void> {
    if (this.viewing === who) this.viewing = null;
    await this.connection.request('chat:close', { who }).catch(ignoreOffline);
  }

  async readChat(who: number): Promise<Chat | null> {
    const { chat } = await this.connection.request('chat:read', { who });
    if (chat) await this.serial(() => this.putChat(chat));
    return chat;
  }

  async deleteChat(who: number): Promise<void> {
    await this.connection.request('chat:delete', { who });
    await this.serial(() => this.dropChat(who));
  }

  async loadHistory({ who, beforeSeq, limit = defaultPage }: HistoryInput): Promise<HistoryPage> {
    const { cache } = this.deps;
    const { show, hasMore, fetch } = planHistory({
      cached: await cache.messages(who),
      beforeSeq,
      limit,
      chat: this.chatList.find((c) => c.who === who),
      online: this.connection.state === 'online',
    });
    let page = { messages: show, hasMore };
    if (fetch) {
      const fetched = await this.connection.request('chat:history', fetch.request);
      await this.serial(() => cache.addMessages(who, fetch.chatId, fetched.messages));
      page = { messages: [...fetched.messages, ...show], hasMore: fetched.hasMore };
    }
    const peerName = this.chatList.find((c) => c.who === who)?.name;
    const messages: ChatMessage[] = page.messages
      .filter(isShown)
      .map((message) =>
        sentMessage(peerName !== undefined && message.user === who ? { ...message, name: peerName } : message),
      );
    if (beforeSeq === undefined) messages.push(...this.unsentFor(who));
    return { messages, hasMore: page.hasMore };
  }

  /** Resolves once the message (and its files) is on disk, as `sending`; its next state is announced as a `messages` event. */
  async send(to: number, content: string, files: OutgoingFile[] = [], replyTo?: number): Promise<ChatMessage> {
    const quote = replyTo === undefined ? undefined : await quoteFor(this.deps.cache, to, replyTo);
    const item = await this.deps.outbox.add(to, content, this.deps.now(), files, quote);
    this.sender.kick();
    return unsentMessage(item, this.deps.account);
  }

  cancelSend(clientId: string): Promise<void> {
    return this.unsentFiles.cancel(clientId, this.sender, notInOutbox);
  }

  /** An unsent message's image, for the page to show at `/files/<sha256>`. */
  outboxImage(sha256: string): ServedFile | null {
    return this.unsentFiles.image(sha256);
  }

  async retry(clientId: string): Promise<void> {
    if (!(await this.deps.outbox.retry(clientId))) throw notInOutbox();
    this.emitUnsent(clientId);
    this.sender.kick();
  }

  async discard(clientId: string): Promise<void> {
    // The caller removes it from view when this resolves; there is nothing to announce.
    if (!(await this.deps.outbox.remove(clientId))) throw notInOutbox();
  }

  typing(to: number): void {
    this.connection.notify('typing', { to });
  }

  private onState(state: ConnectionState): void {
    this.deps.logger.info(`connection ${state}`);
    this.deps.emit('connection', state);
    if (state === 'online') {
      this.deps.serverNotice(null);
      this.sender.kick();
    }
  }

  /** After every (re)connect: catch up, then view again what the user is viewing. */
  private async onConnected(): Promise<void> {
    const chats = await catchUp({
      server: this.connection,
      cache: this.deps.cache,
      held: this.chatList,
      dropped: (who) => this.deps.emit('historyReset', { who }),
      added: (who, messages) => this.stored(who, messages),
    });
    const chat = this.viewing === null ? null : await this.viewAgain(this.viewing);
    if (chat) {
      const index = chats.findIndex((c) => c.who === chat.who);
      if (index >= 0) chats[index] = chat;
      else chats.push(chat);
    }
    await this.setChats(chats);
    await this.directory.resend();
  }

  /**
   * The chat being viewed, opened again after a reconnect. Its peer may have deleted their
   * account meanwhile (not_found): the record stays readable, there is just no one to view.
   */
  private async viewAgain(who: number): Promise<Chat | null> {
    try {
      return (await this.connection.request('chat:open', { who })).chat;
    } catch (error) {
      if (!(error instanceof FailureError && error.failure.code === 'not_found')) throw error;
      if (this.viewing === who) this.viewing = null;
      return null;
    }
  }

  /** One handler per server event, each given its event's parsed payload. */
  private readonly serverEvents: { [E in ServerEvent]: (payload: ServerEventPayload<E>) => Promise<void> } = {
    'message:new': async ({ chat, message }) => {
      await this.addCopy(chat, message);
      this.deps.arrived({ chat, message });
    },
    'chat:updated': ({ chat }) => this.putChat(chat),
    'chat:deleted': ({ who }) => this.dropChat(who),
    presence: async ({ id, online }) => this.directory.presenceChanged(id, online),
    typing: async ({ from }) => this.deps.emit('typing', { from }),
    'user:updated': (update) => this.userUpdated(update),
    'server:closing': async (closing) => this.deps.serverNotice(closing),
  };

  /**
   * A user's new name (or "Deleted user") in the chat list and the directory; the renderer
   * renames what it shows. Cached copies keep the name they had on disk: loadHistory shows the
   * chat's name on the peer's copies instead.
   */
  private async userUpdated(update: UserUpdate): Promise<void> {
    const { id, name, deleted } = update;
    if (deleted) {
      this.directory.deleted(id);
      await this.deps.cache.markDeleted(id);
    } else this.directory.renamed(id, name);
    this.deps.emit('userUpdated', update);
    const chat = this.chatList.find((c) => c.who === id);
    if (chat && chat.name !== name) await this.putChat({ ...chat, name });
  }

  /** The server refused this session's token over HTTP: the socket's handshake would be refused too. */
  sessionEnded(): void {
    this.sender.stop();
    this.directory.stop();
    this.connection.ended();
  }

  /** Adds a copy the server sent, fetching what lies between when the cache has a gap. */
  private async addCopy(chat: Chat, message: Message): Promise<void> {
    const { cache } = this.deps;
    const who = chat.who;
    const before = this.chatList.find((c) => c.who === who);
    if (before && before.id !== chat.id) {
      await cache.dropChat(who);
      this.deps.emit('historyReset', { who });
    }
    await this.keep(chat, message, await cache.heldSeq(who, chat.id));
    await this.putChat(chat);
  }

  /** Keeps a copy that follows the `held` ones; with a gap between, what lies between is fetched too. */
  private async keep(chat: Chat, message: Message, held: number): Promise<void> {
    const { cache } = this.deps;
    if (held > 0 && message.seq > held + 1) {
      await this.stored(chat.who, await fillGap(this.connection, cache, chat, held));
    } else {
      await cache.addMessages(chat.who, chat.id, [message]);
      await this.stored(chat.who, [message]);
    }
  }

  /**
   * Copies now in the cache are announced `sent`. One of our own sends among them leaves the
   * outbox here, so its ack (which follows message:new on this socket) announces nothing more.
   */
  private async stored(who: number, messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    // Our own leave the outbox first, so their files are in the cache when they are announced.
    const me = this.deps.account.user.id;
    for (const message of messages) if (message.user === me && !isAction(message)) await this.sent(message.clientId);
    const changed = await this.changedBy(who, messages);
    const told = [...messages.filter(isShown), ...changed];
    if (told.length > 0) this.deps.emit('messages', { who, messages: told.map(sentMessage) });
  }

  /** The cached messages the actions among `messages` changed; a chat whose last copy is one shows it as it is now. */
  private async changedBy(who: number, messages: Message[]): Promise<Message[]> {
    const changed = await changedBy(this.deps.cache, who, messages);
    const chat = this.chatList.find((c) => c.who === who);
    const last = chat?.last && changed.find((m) => m.id === chat.last?.id);
    if (chat && last) await this.putChat({ ...chat, last });
    return changed;
  }

  /**
   * The ack of the user's own action (recall, edit, hide; a forward's new message): the copy is
   * kept and applied now, as its message:new would (whichever comes first; the other finds it held).
   */
  private async ackedAction(who: number, message: Message): Promise<void> {
    const chat = this.chatList.find((c) => c.who === who);
    if (!chat) return; // A first message (a forward to someone new): its message:new brings the record.
    const held = await this.deps.cache.heldSeq(who, chat.id);
    if (message.seq > held) await this.keep(chat, message, held);
  }

  /** Our own message is stored: out of the outbox, its files into the cache. */
  private sent(clientId: string): Promise<OutboxItem | undefined> {
    this.unsentFiles.forget(clientId);
    return this.deps.outbox.remove(clientId, (item) =>
      this.deps.keepSentFiles(item, (a) => this.deps.outbox.fileOf(a)),
    );
  }

  /** The ack of our own send. Announced only when the outbox still held it: a repeat gets no message:new. */
  private async acked(clientId: string, message: Message): Promise<void> {
    const item = await this.sent(clientId);
    if (item) this.deps.emit('messages', { who: item.to, messages: [sentMessage(message)] });
  }

  private async putChat(chat: Chat): Promise<void> {
    await this.setChats([...this.chatList.filter((c) => c.who !== chat.who), chat]);
  }

  private async dropChat(who: number): Promise<void> {
    await this.deps.cache.dropChat(who);
    if (this.viewing === who) this.viewing = null;
    this.deps.emit('historyReset', { who });
    await this.setChats(this.chatList.filter((c) => c.who !== who));
  }

  private async setChats(chats: Chat[]): Promise<void> {
    this.chatList = chats.sort(pinnedFirst);
    await this.deps.cache.saveChats(this.chatList);
    this.deps.emit('chats', this.chats);
    this.directory.chatsChanged();
  }

  /** Every message still in the outbox, per chat (by peer id), oldest first. */
  unsentByChat(): Record<number, ChatMessage[]> {
    const byChat: Record<number, ChatMessage[]> = {};
    for (const item of this.deps.outbox.items) (byChat[item.to] ??= []).push(unsentMessage(item, this.deps.account));
    return byChat;
  }

  private unsentFor(who: number): ChatMessage[] {
    return this.deps.outbox.items.filter((i) => i.to === who).map((i) => unsentMessage(i, this.deps.account));
  }

  private emitUnsent(clientId: string): void {
    const item = this.deps.outbox.find(clientId);
    if (item) this.deps.emit('messages', { who: item.to, messages: [unsentMessage(item, this.deps.account)] });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.work.then(task, task);
    // The caller gets the failure from `run`; the queue only needs to go on after it.
    this.work = run.then(noop, noop);
    return run;
  }
}

function noop(): void {}

function ignoreOffline(error: unknown): void {
  if (!isOffline(error)) throw error;
}

function notInOutbox(): FailureError {
  return failure('not_found', 'That message is no longer waiting to be sent.');
}
