// The owner's marks on a chat record (chat:pin, chat:mute, chat:mark-unread) and the read
// receipts that reading a record sends to the peer (docs/protocol.md 6.12).
import type { Chat } from '../../protocol/contract.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { RecordChange, Store } from '../store/store.js';
import type { Caller, Fanout } from './chat-service.js';

export interface RecordStateDeps {
  store: Store;
  fanout: Fanout;
}

/** A change asked for by the caller: the time of a pin is the server's. */
export type AskedChange = { pinned: boolean } | { muted: boolean } | { markedUnread: true };

export class RecordState {
  constructor(private readonly deps: RecordStateDeps) {}

  /** Changes the caller's record; only a change that did something is pushed to their sockets. */
  async change(caller: Caller, who: number, asked: AskedChange, now: number): Promise<Chat> {
    const change: RecordChange = 'pinned' in asked ? { pinned: asked.pinned, now } : asked;
    const outcome = await this.deps.store.changeRecord(caller.user, who, change);
    if (!outcome) throw new ProtocolError('not_found', `You have no chat with user ${who}.`);
    if (outcome.changed) this.deps.fanout.toUser(caller.user, 'chat:updated', { chat: outcome.chat });
    return outcome.chat;
  }

  /** The caller read their record with `who`: `who`'s record, when its peerReadId moved, goes to `who`. */
  seen(who: number, seen: Chat | undefined): void {
    if (seen) this.deps.fanout.toUser(who, 'chat:updated', { chat: seen });
  }
}
