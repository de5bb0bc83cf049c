// Node runtime. What the session reads back from the cache around message actions: the messages
// an action changed (to tell the renderer), and the quote a reply carries.
import type { Message, Quote } from '../../../protocol/contract.js';
import type { ChatCache } from '../cache/chat-cache.js';
import { isAction, isShown } from '../cache/actions.js';
import { FailureError } from '../failure.js';
import { quoteOf } from './views.js';

/** The cached copies the actions among `messages` changed (already rewritten): their targets, and replies quoting a recalled one. */
export async function changedBy(
  cache: Pick<ChatCache, 'messages'>,
  who: number,
  messages: Message[],
): Promise<Message[]> {
  const actions = messages.filter(isAction);
  if (actions.length === 0) return [];
  const targets = new Set(actions.map((a) => a.target));
  const recalled = new Set(actions.filter((a) => a.kind === 'recall').map((a) => a.target));
  const cached = await cache.messages(who);
  return cached.filter((m) => targets.has(m.id) || (m.replyTo !== undefined && recalled.has(m.replyTo.id)));
}

/** The quote of message `id` of the chat with `who`, as the cache holds it now. */
export async function quoteFor(cache: Pick<ChatCache, 'messages'>, who: number, id: number): Promise<Quote> {
  const original = (await cache.messages(who)).find((m) => m.id === id && isShown(m));
  if (!original) throw new FailureError({ code: 'not_found', message: 'That message is not in this chat.' });
  return quoteOf(original);
}
