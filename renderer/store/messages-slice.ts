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

/** The chat's history is gone (deleted, or recreated on the server): start it over. */
export function withHistoryReset(messages: MessagesState, who: number): MessagesState {
  if (!(who in messages.byChat)) return messages;
  const byChat = { ...messages.byChat };
  delete byChat[who];
  return { ...messages, byChat };
}

export function withDiscarded(messages: MessagesState, who: number, clientId: string): MessagesState {
  const next = withTimeline(messages, who, withoutMessage(timelineOf(messages, who), clientId));
  return { ...next, discarded: { ...next.discarded, [clientId]: true } };
}
