// Server, socket layer: one entry per request event that parses its payload, carries it out and
// shapes its ack result. Typed by the contract, so a wrong result for an event fails the build.
import type { Caller, ChatService } from '../chat/chat-service.js';
import type { RequestEvent, ResultOf } from '../../protocol/contract.js';
import { parse } from '../../protocol/schemas.js';

/** The payload is whatever arrived on the wire: `unknown` until a schema has parsed it. */
type Handler<E extends RequestEvent> = (service: ChatService, caller: Caller, payload: unknown) => Promise<ResultOf<E>>;

export const requests: { [E in RequestEvent]: Handler<E> } = {
  'users:list': (service, caller, payload) => service.listUsers(caller, parse.users(payload)),
  'chats:list': (service, caller, payload) => service.listChats(caller, parse.chats(payload)),
  'chat:open': async (service, caller, payload) => ({ chat: await service.open(caller, parse.peer(payload).who) }),
  'chat:close': async (service, caller, payload) => {
    await service.close(caller, parse.peer(payload).who);
    return {};
  },
  'chat:read': async (service, caller, payload) => ({ chat: await service.read(caller, parse.peer(payload).who) }),
  'chat:history': (service, caller, payload) => service.history(caller, parse.history(payload)),
  // The service parses it: a repeat is answered whatever else the payload carries (§6.5).
  // Not async: this entry's frame would stay suspended for as long as the send waits for its commit.
  'message:send': (service, caller, payload) => service.send(caller, payload).then((message) => ({ message })),
  'chat:pin': async (service, caller, payload) => {
    const { who, pinned } = parse.pin(payload);
    return { chat: await service.changeRecord(caller, who, { pinned }) };
  },
  'chat:mute': async (service, caller, payload) => {
    const { who, muted } = parse.mute(payload);
    return { chat: await service.changeRecord(caller, who, { muted }) };
  },
  'chat:mark-unread': async (service, caller, payload) => ({
    chat: await service.changeRecord(caller, parse.peer(payload).who, { markedUnread: true }),
  }),
  'message:recall': async (service, caller, payload) => ({ message: await service.actions.recall(caller, payload) }),
  'message:edit': async (service, caller, payload) => ({ message: await service.actions.edit(caller, payload) }),
  'message:hide': async (service, caller, payload) => ({ message: await service.actions.hide(caller, payload) }),
  'message:forward': async (service, caller, payload) => ({ message: await service.actions.forward(caller, payload) }),
  'messages:search': (service, caller, payload) => service.search(caller, parse.search(payload)),
  'chat:delete': async (service, caller, payload) => {
    await service.delete(caller, parse.peer(payload).who);
    return {};
  },
  typing: async (service, caller, payload) => {
    await service.typing(caller, parse.typing(payload).to);
    return {};
  },
  'presence:watch': async (service, caller, payload) => ({
    online: service.watchPresence(caller, parse.presenceWatch(payload).ids),
  }),
};

export function isRequestEvent(event: string): event is RequestEvent {
  return Object.hasOwn(requests, event);
}
