// How stored copies and unsent messages look to the user.
import type { Account, ChatMessage } from '../../ipc/contract.js';
import type { Message } from '../../../protocol/contract.js';
import type { OutboxItem } from '../outbox/outbox.js';

export function sentMessage(message: Message): ChatMessage {
  return { ...message, state: 'sent' };
}

export function unsentMessage(item: OutboxItem, account: Account): ChatMessage {
  return {
    clientId: item.clientId,
    id: null,
    seq: null,
    user: account.user.id,
    name: account.user.name,
    date: item.createdAt,
    content: item.content,
    state: item.state,
    ...(item.failure ? { failure: item.failure } : {}),
  };
}
