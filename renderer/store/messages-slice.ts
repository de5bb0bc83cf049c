// Browser runtime, but pure. Messages per chat (by peer id), and the clientIds the user
// discarded so that a late update cannot bring one back.
import type { ChatMessage, HistoryPage } from '../../main/ipc/contract.js';
import { emptyTimeline, mergeMessages, withoutMessage, withPage, type Timeline } from './timeline.js';

export interface MessagesState {
  byChat: Record<number, Timeline>;
  discarded: Record<string, true>;
}

export const initialMessages: MessagesState = { byChat: {}, discarded: {} };

export function timelineOf(messages: MessagesState, who: number): Timeline {
  return messages.byChat[who] ?? emptyTimeline;
}

function withTimeline(messages: MessagesState, who: number, timeline: Timeline): MessagesState {
  if (timeline === messages.byChat[who]) return messages;
  return { ...messages, byChat: { ...messages.byChat, [who]: timeline } };
}

export function withArrived(messages: MessagesState, who: number, incoming: readonly ChatMessage[]): MessagesState {
  return withTimeline(messages, who, mergeMessages(timelineOf(messages, who), incoming, messages.discarded));
}

export function withHistoryPage(
  messages: MessagesState,
  who: number,
  page: HistoryPage,
  which: 'newest' | 'older',
): MessagesState {
  return withTimeline(messages, who, withPage(timelineOf(messages, who), page, which, messages.discarded));
}

export function withLoadingOlder(messages: MessagesState, who: number, loadingOlder: boolean): MessagesState {
  return withTimeline(messages, who, { ...timelineOf(messages, who), loadingOlder });
}

/**
 * The messages still in the outbox at start-up, per chat: each chat's timeline holds them (merged
 * by clientId, as events and pages are) before it is opened, so its row shows them.
 */
export function withOutbox(
  messages: MessagesState,
  outbox: Readonly<Record<number, readonly ChatMessage[]>>,
): MessagesState {
  let next = messages;
  for (const [who, unsent] of Object.entries(outbox)) next = withArrived(next, Number(who), unsent);
  return next;
}

/**
 * The chat's history is gone (deleted, or recreated on the server): start it over. Its unsent
 * messages stay: they are still in the outbox, and its row still shows them.
 */
export function withHistoryReset(messages: MessagesState, who: number): MessagesState {
  const timeline = messages.byChat[who];
  if (!timeline) return messages;
  const byChat = { ...messages.byChat };
  const unsent = timeline.messages.filter((message) => message.seq === null);
  if (unsent.length > 0) byChat[who] = { ...emptyTimeline, messages: unsent };
  else delete byChat[who];
  return { ...messages, byChat };
}

export function withDiscarded(messages: MessagesState, who: number, clientId: string): MessagesState {
  const next = withTimeline(messages, who, withoutMessage(timelineOf(messages, who), clientId));
  return { ...next, discarded: { ...next.discarded, [clientId]: true } };
}
