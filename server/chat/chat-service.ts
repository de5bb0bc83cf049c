// The chat rules of docs/protocol.md below the socket layer: dual writes, unread counting
// against who is viewing, the send limit, and what each change fans out to.
import type {
  Chat,
  ChatsPage,
  ChatsRequest,
  HistoryPage,
  HistoryRequest,
  Message,
  SearchPage,
  SearchRequest,
  SendRequest,
  ServerEventPayload,
  UsersPage,
  UsersRequest,
} from '../../protocol/contract.js';
import { ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';
import { parse } from '../../protocol/schemas.js';
import type { Store } from '../store/store.js';
import type { HeavyReads } from './heavy-reads.js';
import { MessageActions, type ActionWindows } from './message-actions.js';
import { chatsPage, usersPage } from './pages.js';
import { capAroundPage, capHistoryPage } from './history-cap.js';
import { searchMessages } from './search.js';
import { TypingThrottle } from './typing-throttle.js';
import type { Presence } from './presence.js';
import type { PresenceWatchers } from './presence-watchers.js';
import type { SendLimit } from './send-limit.js';
import { admittedSend } from './admitted-send.js';
import type { Viewing } from './viewing.js';
import type { RequestOrder } from './request-order.js';
import { RecordState, type AskedChange } from './record-state.js';

/** The socket a request came from; `user` comes from its token, never from a payload. */
export interface Caller {
  user: number;
  socketId: string;
  /** The request's place in its socket's order, when it came over a socket. */
  order?: RequestOrder;
}

type OwnerEvent = 'message:new' | 'chat:updated' | 'chat:deleted';

/** Where events go; the socket layer implements it with Socket.IO rooms. */
export interface Fanout {
  toUser<E extends OwnerEvent>(user: number, event: E, payload: ServerEventPayload<E>): void;
  typing(from: number, to: number): void;
  viewingStarted(socketId: string, user: number, peer: number): void;
  viewingEnded(socketIds: string[], user: number, peer: number): void;
}

export interface ChatServiceDeps {
  store: Store;
  viewing: Viewing;
  presence: Presence;
  watchers: PresenceWatchers;
  sendLimit: SendLimit;
  fanout: Fanout;
  now: () => number;
  /**
   * Runs the list and history reads, a few at a time: many at once wait their turn instead of
   * all holding rows (and, with SQLite, the same commit turn) together.
   */
  heavyReads: HeavyReads;
  /** --recall-window and --edit-window (defaults: protocol/limits.ts). */
  windows?: Partial<ActionWindows>;
}

export class ChatService {
  /**
   * Users found as peers, so a send need not look its receiver up. A deletion on this node forgets
   * the user; one on another node is not seen here until this node restarts.
   */
  private readonly knownUsers = new Set<number>();

  /** A deleted account: chats with it are no longer opened or written to (on this node). */
  forgetUser(id: number): void {
    this.knownUsers.delete(id);
  }
  private readonly typingThrottle = new TypingThrottle(limits.typingIntervalMs);

  private readonly records: RecordState;
  /** message:recall, message:edit, message:hide and message:forward (message-actions.ts). */
  readonly actions: MessageActions;

  constructor(private readonly deps: ChatServiceDeps) {
    this.records = new RecordState(deps);
    const windows = {
      recallMs: deps.windows?.recallMs ?? limits.defaultRecallWindowMs,
      editMs: deps.windows?.editMs ?? limits.defaultEditWindowMs,
    };
    const checkPeer = (caller: Caller, who: number, writing?: boolean) => this.checkPeer(caller, who, writing);
    this.actions = new MessageActions({ ...deps, windows, checkPeer });
  }

  async listUsers(caller: Caller, request: UsersRequest): Promise<UsersPage> {
    const page = await this.deps.heavyReads(() => usersPage(this.deps.store, caller.user, request));
    const users = page.users.map((user) => ({ ...user, online: this.deps.presence.isOnline(user.id) }));
    return page.next === undefined ? { users } : { users, next: page.next };
  }

  listChats(caller: Caller, request: ChatsRequest): Promise<ChatsPage> {
    return this.deps.heavyReads(() => chatsPage(this.deps.store, caller.user, request));
  }

  async open(caller: Caller, who: number): Promise<Chat> {
    await this.checkPeer(caller, who, true);
    this.startViewing(caller, who);
    const { chat, created, cleared, seen } = await this.deps.store.openChat(caller.user, who, this.deps.now());
    if (created || cleared) this.deps.fanout.toUser(caller.user, 'chat:updated', { chat });
    this.records.seen(who, seen);
    return chat;
  }

  async close(caller: Caller, who: number): Promise<void> {
    await this.checkPeer(caller, who);
    if (this.deps.viewing.viewedBy(caller.socketId)?.peer === who) this.endViewing(caller.socketId);
  }

  async read(caller: Caller, who: number): Promise<Chat | null> {
    await this.checkPeer(caller, who);
    const { chat, cleared, seen } = await this.deps.store.readChat(caller.user, who);
    if (chat && cleared) this.deps.fanout.toUser(caller.user, 'chat:updated', { chat });
    this.records.seen(who, seen);
    return chat;
  }

  /** `chat:pin`, `chat:mute`, `chat:mark-unread`: on the caller's existing record only (6.12). */
  async changeRecord(caller: Caller, who: number, change: AskedChange): Promise<Chat> {
    await this.checkPeer(caller, who);
    return this.records.change(caller, who, change, this.deps.now());
  }

  async history(caller: Caller, request: HistoryRequest): Promise<HistoryPage> {
    await this.checkPeer(caller, request.who);
    const page = await this.deps.heavyReads(() =>
      this.deps.store.history(caller.user, request.who, {
        beforeSeq: request.beforeSeq,
        afterSeq: request.afterSeq,
        aroundSeq: request.aroundSeq,
        limit: request.limit ?? limits.historyDefaultLimit,
      }),
    );
    if (request.aroundSeq !== undefined) return capAroundPage(page, request.aroundSeq, limits.historyMaxContentBytes);
    return capHistoryPage(page, request.afterSeq !== undefined, limits.historyMaxContentBytes);
  }

  /** `messages:search`: with `who`, that user must exist (as for a history read). */
  async search(caller: Caller, request: SearchRequest): Promise<SearchPage> {
    if (request.who !== undefined) await this.checkPeer(caller, request.who);
    return searchMessages(this.deps, caller.user, request);
  }

  /**
   * `message:send`, checked in the order of docs/protocol.md §7 "Validation order": the payload,
   * the peer, then (in the store's transaction) a repeat, then the send limit. A repeat of a
   * stored (sender, clientId) is answered with the first send's copy whatever else it carries,
   * so a payload or peer that fails is first looked up by its clientId (§6.5).
   */
  async send(caller: Caller, payload: unknown): Promise<Message> {
    let request: SendRequest;
    try {
      request = parse.send(payload);
      await this.checkPeer(caller, request.to, true);
    } catch (error) {
      const clientId = parse.clientIdOf(payload);
      // A first send of this clientId may still be on its way to the store.
      await caller.order?.previousDone;
      const first = clientId === null ? null : await this.deps.store.findSent(caller.user, clientId);
      if (first) return first;
      throw error;
    }
    const { store, viewing, sendLimit, fanout, now } = this.deps;
    const from = caller.user;
    const date = now();
    const outcome = await admittedSend(sendLimit, from, date, (admit) =>
      store.sendMessage(
        {
          from,
          to: request.to,
          clientId: request.clientId,
          content: request.content,
          date,
          attachments: request.attachments?.map((attachment) => attachment.id) ?? [],
          ...(request.replyTo === undefined ? {} : { replyTo: request.replyTo }),
        },
        { receiverViewing: () => viewing.isViewing(request.to, from), admit, queued: caller.order?.queued },
      ),
    );
    switch (outcome.kind) {
      case 'duplicate':
        // A repeat: nothing stored, nothing emitted.
        return outcome.first;
      case 'bad-attachment':
        throw outcome.reason === 'unknown'
          ? new ProtocolError('not_found', `There is no upload ${outcome.id} of yours.`)
          : new ProtocolError('conflict', `The upload ${outcome.id} is already attached to a message.`);
      case 'unknown-message':
        throw new ProtocolError('not_found', `There is no message ${outcome.id} in this chat.`);
      case 'stored':
        // In the socket's order: the sends before this one have emitted theirs.
        await caller.order?.previousDone;
        fanout.toUser(from, 'message:new', outcome.sender);
        fanout.toUser(request.to, 'message:new', outcome.receiver);
        return outcome.sender.message;
    }
  }

  async delete(caller: Caller, who: number): Promise<void> {
    await this.checkPeer(caller, who);
    await this.deps.store.deleteChat(caller.user, who);
    const sockets = this.deps.viewing.endAll(caller.user, who);
    if (sockets.length > 0) this.deps.fanout.viewingEnded(sockets, caller.user, who);
    this.deps.fanout.toUser(caller.user, 'chat:deleted', { who });
  }

  async typing(caller: Caller, to: number): Promise<void> {
    await this.checkPeer(caller, to, true);
    if (this.typingThrottle.admit(caller.user, to, this.deps.now())) this.deps.fanout.typing(caller.user, to);
  }

  /** `presence:watch`: ids need not be users (an unknown id is never online), nor others than the caller. */
  watchPresence(caller: Caller, ids: number[]): number[] {
    return this.deps.watchers.watch(caller.socketId, ids, (user) => this.deps.presence.isOnline(user));
  }

  /** Viewing and presence watching end when the socket goes away. */
  disconnected(socketId: string): void {
    this.endViewing(socketId);
    this.deps.watchers.forget(socketId);
  }

  private startViewing(caller: Caller, peer: number): void {
    const previous = this.deps.viewing.start(caller.socketId, caller.user, peer);
    if (previous) this.deps.fanout.viewingEnded([caller.socketId], previous.user, previous.peer);
    this.deps.fanout.viewingStarted(caller.socketId, caller.user, peer);
  }

  private endViewing(socketId: string): void {
    const view = this.deps.viewing.end(socketId);
    if (view) this.deps.fanout.viewingEnded([socketId], view.user, view.peer);
  }

  /** `writing`: a deleted account is no one to open a chat with, write or type to; its records stay readable. */
  private async checkPeer(caller: Caller, who: number, writing = false): Promise<void> {
    if (who === caller.user) throw new ProtocolError('bad_request', 'You cannot chat with yourself.');
    if (this.knownUsers.has(who)) return;
    const user = await this.deps.store.getUser(who);
    if (!user || (writing && user.state === 'deleted'))
      throw new ProtocolError('not_found', `There is no user ${who}.`);
    if (user.state !== 'deleted') this.knownUsers.add(who);
  }
}
