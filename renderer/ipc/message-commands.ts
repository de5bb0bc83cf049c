// Browser runtime. What the user does to one message or one chat (issue 15), carried to the
// main process: recall, edit, delete for me, forward, copy; pin, mute, mark unread; drafts;
// search; and jumps to a message (a quote, a search hit).
import type { ChatMessage } from '../../main/ipc/contract.js';
import { errorCode } from '../format/failure-text.js';
import * as act from '../store/actions.js';
import * as acts from '../store/act-actions.js';
import { timelineOf } from '../store/messages-slice.js';
import { appStore } from '../store/store.js';
import { messenger } from './api.js';
import { loadOlder, openChat } from './commands.js';
import { reportUnlessAnswered } from './problems.js';

const state = () => appStore.getState();

/** A draft is saved this long after the last keystroke (and at once on a chat switch). */
export const draftSaveDelayMs = 500;
/** A jumped-to message stays highlighted this long. */
export const highlightMs = 2000;
/** Most older pages a quote jump loads while looking for the quoted message. */
const quotePagesMax = 20;

async function attempt(context: string, run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    reportUnlessAnswered(context, error);
    act.chatFailed(errorCode(error));
    return false;
  }
}

export async function recallMessage(who: number, message: ChatMessage, now = Date.now()): Promise<void> {
  if (message.id === null) return;
  const id = message.id;
  // Kept before asking: the message comes back recalled, its text gone.
  acts.recalledKept(id, message.content, now);
  await attempt('recalling a message', () => messenger().recall({ who, id }));
}

export async function editMessage(who: number, id: number, content: string): Promise<boolean> {
  return attempt('editing a message', () => messenger().editMessage({ who, id, content }));
}

export async function hideMessage(who: number, id: number): Promise<void> {
  await attempt('deleting a message', () => messenger().hideMessage({ who, id }));
}

export async function forwardMessage(from: number, id: number, to: number): Promise<void> {
  acts.forwardAsked(null);
  await attempt('forwarding a message', () => messenger().forward({ from, id, to }));
}

export async function copyMessage(message: ChatMessage): Promise<void> {
  try {
    await navigator.clipboard.writeText(message.content);
  } catch (error) {
    reportUnlessAnswered('copying a message', error);
  }
}

/** "Re-edit": the recalled text goes back into the composer. */
export function reeditMessage(who: number, id: number): void {
  const recalled = state().acts.recalled[id];
  if (!recalled) return;
  acts.composeModeChanged(who, null);
  act.draftChanged(who, recalled.text);
  scheduleDraftSave(who);
}

export async function pinChat(who: number, pinned: boolean): Promise<void> {
  act.chatMenuOpened(null);
  await attempt('pinning a chat', () => messenger().pinChat({ who, pinned }));
}

export async function muteChat(who: number, muted: boolean): Promise<void> {
  act.chatMenuOpened(null);
  await attempt('muting a chat', () => messenger().muteChat({ who, muted }));
}

export async function markUnread(who: number): Promise<void> {
  act.chatMenuOpened(null);
  await attempt('marking a chat unread', () => messenger().markUnread({ who }));
}

// Drafts

const pendingDrafts = new Map<number, ReturnType<typeof setTimeout>>();

/** Saves `who`'s draft (as the store holds it) a moment after the last change. */
export function scheduleDraftSave(who: number): void {
  clearTimeout(pendingDrafts.get(who));
  pendingDrafts.set(
    who,
    setTimeout(() => void saveDraftNow(who), draftSaveDelayMs),
  );
}

/** Saves `who`'s draft now (a chat switch, a send). */
export async function saveDraftNow(who: number): Promise<void> {
  clearTimeout(pendingDrafts.get(who));
  pendingDrafts.delete(who);
  const text = state().ui.drafts[who] ?? '';
  await messenger()
    .saveDraft({ who, text })
    // A draft lost on a broken profile is not worth an error on screen. Main logged why.
    .catch((error: unknown) => reportUnlessAnswered('saving a draft', error));
}

// Jumps

const highlightTimers = new Set<ReturnType<typeof setTimeout>>();

function highlight(who: number, id: number): void {
  acts.messageHighlighted(who, id);
  const n = state().acts.highlight?.n;
  const timer = setTimeout(() => {
    highlightTimers.delete(timer);
    if (state().acts.highlight?.n === n) acts.messageHighlighted(who, null);
  }, highlightMs);
  highlightTimers.add(timer);
}

function held(who: number, id: number): boolean {
  return timelineOf(state().messages, who).messages.some((message) => message.id === id);
}

/** A search hit: opens its chat, loads the copies around it when not held, and shows it. */
export async function jumpToMessage(who: number, id: number, seq: number, name?: string): Promise<void> {
  if (state().ui.openChat?.who !== who) await openChat(who, name);
  if (!held(who, id)) {
    const ok = await attempt('loading a message', () => messenger().loadAround({ who, seq }));
    if (!ok) return;
  }
  highlight(who, id);
}

/**
 * A quote: the quoted message, found in what is held or in older pages (a quote names the
 * message's id, not its place in the chat).
 */
export async function jumpToQuote(who: number, id: number): Promise<void> {
  for (let page = 0; !held(who, id) && page < quotePagesMax; page++) {
    const timeline = timelineOf(state().messages, who);
    if (!timeline.hasMore) break;
    await loadOlder(who);
    if (timelineOf(state().messages, who) === timeline) break;
  }
  if (held(who, id)) highlight(who, id);
}

// Search

export async function search(query: string, who?: number): Promise<void> {
  acts.searchChanged({ query, ...(who !== undefined ? { who } : {}), results: null, failed: false });
  if (query.trim() === '') return;
  try {
    const results = await messenger().searchMessages({ q: query.trim(), ...(who !== undefined ? { who } : {}) });
    acts.searchAnswered(query, results);
  } catch (error) {
    reportUnlessAnswered('searching messages', error);
    acts.searchAnswered(query, null);
  }
}
