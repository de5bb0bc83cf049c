// Browser runtime, but pure. What between two states of the store is worth saying aloud: messages
// that arrived in chats that are not open, the open chat's new messages, and the peer starting
// to type there. Each compares the state before a change with the state after it.
import type { ChatMessage } from '../../main/ipc/contract.js';
import { doNotDisturbChoice } from '../format/do-not-disturb.js';
import { timelineOf } from '../store/messages-slice.js';
import { newestSeq, storedAfter } from '../store/timeline.js';
import type { AppState } from '../store/state.js';

/** Messages that made a chat that is not open more unread. */
export interface ArrivalElsewhere {
  who: number;
  count: number;
}

/**
 * Chats whose unread count went up, read from the chat list, which every way a message can
 * arrive updates (a live message, the catch-up after reconnecting). Not the open chat, nor muted
 * chats, nor anything while do not disturb is on: those notify nobody. Only when the chat's newest
 * message is from `since` on (when this window began listening for this account): what the list
 * loads on start-up or after signing in was not just received.
 */
export function arrivalsElsewhere(before: AppState, after: AppState, since: number, now: number): ArrivalElsewhere[] {
  if (before.chats.list === after.chats.list) return [];
  if (doNotDisturbChoice(after.settings, now) !== 'off') return [];
  const unreadBefore = new Map(before.chats.list.map((chat) => [chat.who, chat.unread]));
  const open = after.ui.openChat?.who ?? null;
  const arrivals: ArrivalElsewhere[] = [];
  for (const chat of after.chats.list) {
    if (chat.who === open || chat.muted || !chat.last || chat.last.date < since) continue;
    const count = chat.unread - (unreadBefore.get(chat.who) ?? 0);
    if (count > 0) arrivals.push({ who: chat.who, count });
  }
  return arrivals;
}

/**
 * The peer's messages that joined the open chat after the newest one it held: not the user's
 * own (sent here or on another device), not older pages loaded by scrolling or jumping to a
 * quote, not edits or recalls of messages already there, and nothing while the chat is still
 * loading its first page.
 */
export function arrivalsInOpenChat(before: AppState, after: AppState): ChatMessage[] {
  const who = after.ui.openChat?.who;
  if (who === undefined || before.ui.openChat?.who !== who) return [];
  const held = timelineOf(before.messages, who);
  const now = timelineOf(after.messages, who);
  if (held === now || !held.loaded) return [];
  // Past the newest seq held, so none of them was held already (only unsent ones lack a seq).
  return storedAfter(now, newestSeq(held)).filter(
    (message) => message.user === who && !message.hidden && !message.recalled,
  );
}

/** The open chat's peer started typing (once per burst: until it stops, or their message comes). */
export function typingStarted(before: AppState, after: AppState): number | null {
  const who = after.ui.openChat?.who;
  if (who === undefined || before.ui.openChat?.who !== who) return null;
  return who in after.ui.typing && !(who in before.ui.typing) ? who : null;
}
