// Browser runtime. Listens to the store and announces what arrived: bursts (several messages
// within a second) are said once per chat, a second after the first, so ten quick messages
// from Carol are "10 new messages from Carol" and not ten sentences queued up behind each other.
import type { ChatMessage } from '../../main/ipc/contract.js';
import type { AppStore } from '../store/store.js';
import type { AppState } from '../store/state.js';
import { arrivalsElsewhereText, arrivalsInOpenChatTexts, typingText } from './announcements.js';
import { announce, announcerCleared } from './announcer-store.js';
import { arrivalsElsewhere, arrivalsInOpenChat, typingStarted } from './arrivals.js';

/** A burst: what arrives within this long of its first message is said together. */
export const burstMs = 1000;

export interface AnnouncerClock {
  now(): number;
  /** Runs `run` after `ms`; the returned function cancels it. */
  later(run: () => void, ms: number): () => void;
}

const realClock: AnnouncerClock = {
  now: () => Date.now(),
  later: (run, ms) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

function accountKey(state: AppState): string | null {
  const account = state.session.account;
  return account ? `${account.serverUrl} ${account.user.id}` : null;
}

/** Starts announcing; returns the function that stops it. */
export function watchAnnouncements(
  store: AppStore,
  clock: AnnouncerClock = realClock,
  say: (text: string) => void = announce,
): () => void {
  let account = accountKey(store.getState());
  let since = clock.now();
  const elsewhere = new Map<number, number>();
  const inOpenChat = new Map<number, ChatMessage[]>();
  let cancel: (() => void) | null = null;

  function flush(): void {
    cancel = null;
    const state = store.getState();
    for (const [who, count] of elsewhere) {
      // Opened or read meanwhile: the user already sees them.
      const chat = state.chats.list.find((candidate) => candidate.who === who);
      if (state.ui.openChat?.who === who || !chat || chat.unread <= 0) continue;
      say(arrivalsElsewhereText(state, who, count));
    }
    for (const [who, messages] of inOpenChat)
      for (const line of arrivalsInOpenChatTexts(state, who, messages)) say(line);
    elsewhere.clear();
    inOpenChat.clear();
  }

  function soon(): void {
    cancel ??= clock.later(flush, burstMs);
  }

  const unsubscribe = store.subscribe((after, before) => {
    const key = accountKey(after);
    if (key !== account) {
      // Another account (or none): nothing of the last one is said, and its start-up is not news.
      account = key;
      since = clock.now();
      cancel?.();
      cancel = null;
      elsewhere.clear();
      inOpenChat.clear();
      announcerCleared();
      return;
    }
    for (const { who, count } of arrivalsElsewhere(before, after, since, clock.now())) {
      elsewhere.set(who, (elsewhere.get(who) ?? 0) + count);
      soon();
    }
    const arrived = arrivalsInOpenChat(before, after);
    const who = after.ui.openChat?.who;
    if (arrived.length > 0 && who !== undefined) {
      inOpenChat.set(who, [...(inOpenChat.get(who) ?? []), ...arrived]);
      soon();
    }
    const typing = typingStarted(before, after);
    if (typing !== null) say(typingText(after, typing));
  });

  return () => {
    unsubscribe();
    cancel?.();
  };
}
