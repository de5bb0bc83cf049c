// How stored copies and unsent messages look to the user.
import type { Account, ChatMessage } from '../../ipc/contract.js';
import type { ChatAttachment } from '../../ipc/files-contract.js';
import type { Chat, Message, Quote } from '../../../protocol/contract.js';
import { limits } from '../../../protocol/limits.js';
import type { OutboxAttachment, OutboxItem } from '../outbox/outbox.js';

/** A copy as stored: with attachments, the text shown is the caption, not the placeholder lines. */
export function sentMessage(message: Message): ChatMessage {
  const { attachments, caption, kind: _kind, target: _target, text: _text, ...rest } = message;
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
    ...(item.quote ? { replyTo: item.quote } : {}),
    ...(item.attachments ? { attachments: item.attachments.map((a, i) => unsentAttachment(a, sent?.get(i))) } : {}),
    state: item.state,
    ...(item.failure ? { failure: item.failure } : {}),
  };
}

function unsentAttachment({ stored: _stored, id, ...facts }: OutboxAttachment, sent?: number): ChatAttachment {
  return { ...facts, id: id ?? null, ...(id === undefined && sent !== undefined ? { sent } : {}) };
}

/** A chat as the list shows it: one the user marked unread counts at least one unread message. */
export function chatView(chat: Chat): Chat {
  return chat.markedUnread && chat.unread < 1 ? { ...chat, unread: 1 } : chat;
}

/** What a reply shows of the message it answers: a snapshot (a recalled one keeps no words). */
export function quoteOf(original: Message): Quote {
  const text = original.recalled ? '' : original.attachments ? (original.caption ?? '') : original.content;
  const excerpt = Array.from(text).slice(0, limits.quoteExcerptCodePoints).join('');
  return { id: original.id, user: original.user, name: original.name, excerpt };
}
