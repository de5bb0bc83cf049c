// Server, chat: acting on a message (docs/protocol.md 6.11) — recall, edit, hide and forward —
// below the socket layer: the windows and who may act, judged in the store's transaction, and
// what each action fans out to. An action is idempotent by (caller, clientId) like message:send.
import type { EditRequest, Message, MessageActionRequest } from '../../protocol/contract.js';
import { ProtocolError } from '../../protocol/errors.js';
import { parse } from '../../protocol/schemas.js';
import type { ActedOn, ActionOutcome, NewAction, Store } from '../store/store.js';
import type { Caller, Fanout } from './chat-service.js';
import type { SendLimit } from './send-limit.js';
import { admittedSend } from './admitted-send.js';
import type { Viewing } from './viewing.js';

export interface ActionWindows {
  /** Ms after its date a message may be recalled by its sender; 0: never. */
  recallMs: number;
  /** Ms after its date a text message may be edited by its sender; 0: never. */
  editMs: number;
}

export interface MessageActionsDeps {
  store: Store;
  viewing: Viewing;
  sendLimit: SendLimit;
  fanout: Fanout;
  now: () => number;
  windows: ActionWindows;
  /** The chat service's peer check (`writing`: the peer must not be a deleted account). */
  checkPeer(caller: Caller, who: number, writing?: boolean): Promise<void>;
}

const notFound = (id: number) => new ProtocolError('not_found', `There is no message ${id} in this chat.`);

/** Within the window of `ms` after the message's date (0: never). */
const within = (ms: number, target: ActedOn, now: number) => ms > 0 && now - target.date <= ms;

export class MessageActions {
  constructor(private readonly deps: MessageActionsDeps) {}

  recall(caller: Caller, payload: unknown): Promise<Message> {
    return this.act(
      caller,
      payload,
      (p) => parse.messageAction(p),
      (request, now) => ({
        action: { kind: 'recall', ...this.base(caller, request, now) },
        check: (target) => {
          if (target.sender !== caller.user)
            throw new ProtocolError('forbidden', 'Only its sender can recall a message.');
          if (target.recalled) throw new ProtocolError('conflict', 'This message was already recalled.');
          if (!within(this.deps.windows.recallMs, target, now))
            throw new ProtocolError('forbidden', 'The time to recall this message has passed.');
        },
      }),
    );
  }

  edit(caller: Caller, payload: unknown): Promise<Message> {
    return this.act(
      caller,
      payload,
      (p) => parse.edit(p),
      (request: EditRequest, now) => ({
        action: { kind: 'edit', ...this.base(caller, request, now), text: request.content },
        check: (target) => {
          if (target.sender !== caller.user)
            throw new ProtocolError('forbidden', 'Only its sender can edit a message.');
          if (target.recalled) throw new ProtocolError('conflict', 'A recalled message cannot be edited.');
          if (target.attachments > 0) throw new ProtocolError('forbidden', 'Only a text message can be edited.');
          if (!within(this.deps.windows.editMs, target, now))
            throw new ProtocolError('forbidden', 'The time to edit this message has passed.');
        },
      }),
    );
  }

  hide(caller: Caller, payload: unknown): Promise<Message> {
    return this.act(
      caller,
      payload,
      (p) => parse.messageAction(p),
      (request, now) => ({
        action: { kind: 'hide', ...this.base(caller, request, now) },
        check: (target) => {
          if (target.hidden) throw new ProtocolError('conflict', 'You already deleted this message.');
        },
      }),
    );
  }

  /** `message:forward`: a new message to `to`, counted by the send limit like any send. */
  async forward(caller: Caller, payload: unknown): Promise<Message> {
    const { store, viewing, sendLimit, fanout, now } = this.deps;
    const request = await this.parsed(
      caller,
      payload,
      (p) => parse.forward(p),
      async (forward) => {
        await this.deps.checkPeer(caller, forward.from);
        await this.deps.checkPeer(caller, forward.to, true);
      },
    );
    if ('repeat' in request) return request.repeat;
    const from = caller.user;
    const date = now();
    const outcome = await admittedSend(sendLimit, from, date, (admit) =>
      store.forwardMessage(
        { from, source: request.from, id: request.id, to: request.to, clientId: request.clientId, date },
        {
          check: (source) => {
            if (source.hidden) throw notFound(source.id);
            if (source.recalled) throw new ProtocolError('conflict', 'A recalled message cannot be forwarded.');
          },
          receiverViewing: () => viewing.isViewing(request.to, from),
          admit,
        },
      ),
    );
    switch (outcome.kind) {
      case 'duplicate':
        return outcome.first;
      case 'unknown-message':
      case 'bad-attachment':
        throw notFound(request.id);
      case 'stored':
        fanout.toUser(from, 'message:new', outcome.sender);
        fanout.toUser(request.to, 'message:new', outcome.receiver);
        return outcome.sender.message;
    }
  }

  private base(caller: Caller, request: MessageActionRequest, now: number) {
    return { caller: caller.user, who: request.who, target: request.id, clientId: request.clientId, date: now };
  }

  /** Parses, checks the peer, then lets the store judge and write; a repeat answers the first copy. */
  private async act<R extends MessageActionRequest>(
    caller: Caller,
    payload: unknown,
    parser: (payload: unknown) => R,
    build: (request: R, now: number) => { action: NewAction; check: (target: ActedOn) => void },
  ): Promise<Message> {
    const request = await this.parsed(caller, payload, parser, (parsed) => this.deps.checkPeer(caller, parsed.who));
    if ('repeat' in request) return request.repeat;
    const { action, check } = build(request, this.deps.now());
    const outcome: ActionOutcome = await this.deps.store.actOnMessage(action, check);
    switch (outcome.kind) {
      case 'duplicate':
        return outcome.first;
      case 'unknown-message':
        throw notFound(request.id);
      case 'stored':
        // Copies that count no unread and notify no one: message:new to the owners' own sockets.
        this.deps.fanout.toUser(caller.user, 'message:new', outcome.caller);
        if (outcome.peer) this.deps.fanout.toUser(request.who, 'message:new', outcome.peer);
        return outcome.caller.message;
    }
  }

  /**
   * The request, or the first copy when its (caller, clientId) was stored before: a repeat is
   * answered whatever else it carries, so a payload or peer that fails is first looked up (§6.5).
   */
  private async parsed<R>(
    caller: Caller,
    payload: unknown,
    parser: (payload: unknown) => R,
    checks: (request: R) => Promise<void>,
  ): Promise<R | { repeat: Message }> {
    try {
      const request = parser(payload);
      await checks(request);
      return request;
    } catch (error) {
      const clientId = parse.clientIdOf(payload);
      const first = clientId === null ? null : await this.deps.store.findSent(caller.user, clientId);
      if (first) return { repeat: first };
      throw error;
    }
  }
}
