// How stored copies and unsent messages look to the user.
import type { Account, ChatMessage } from '../../ipc/contract.js';
import type { ChatAttachment } from '../../ipc/files-contract.js';
import type { Message } from '../../../protocol/contract.js';
import type { OutboxAttachment, OutboxItem } from '../outbox/outbox.js';

/** A copy as stored: with attachments, the text shown is the caption, not the placeholder lines. */
export function sentMessage(message: Message): ChatMessage {
  const { attachments, caption, ...rest } = message;
  if (!attachments || attachments.length === 0) return { ...rest, state: 'sent' };
  return { ...rest, content: caption ?? '', attachments, state: 'sent' };
}

/** `sent`: bytes uploaded so far of each attachment still uploading, by position. */
export function unsentMessage(item: OutboxItem, account: Account, sent?: ReadonlyMap<number, number>): ChatMessage {
  return {
    clientId: item.clientId,
    id: null,
    seq: null,
    user: account.user.id,
    name: account.user.name,
    date: item.createdAt,
    content: item.content,
    ...(item.attachments ? { attachments: item.attachments.map((a, i) => unsentAttachment(a, sent?.get(i))) } : {}),
    state: item.state,
    ...(item.failure ? { failure: item.failure } : {}),
  };
}

function unsentAttachment({ stored: _stored, id, ...facts }: OutboxAttachment, sent?: number): ChatAttachment {
  return { ...facts, id: id ?? null, ...(id === undefined && sent !== undefined ? { sent } : {}) };
}
