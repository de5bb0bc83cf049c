// Browser runtime. What the user asks for, carried to the main process: each command calls
// window.messenger and records the outcome through the store's actions.
import type { SignInInput, Settings } from '../../main/ipc/contract.js';
import { errorCode, errorField, type FailureField } from '../format/failure-text.js';
import * as act from '../store/actions.js';
import { timelineOf } from '../store/messages-slice.js';
import { appStore } from '../store/store.js';
import { oldestSeq } from '../store/timeline.js';
import { messenger } from './api.js';
import { reportUnlessAnswered } from './problems.js';
import { composeModeChanged } from '../store/act-actions.js';
import { saveDraftNow } from './message-commands.js';

const newestPageSize = 50;
const olderPageSize = 100;
/** Typing notices go out at most this often per chat. */
export const typingEveryMs = 2000;

const state = () => appStore.getState();

function nameOf(who: number): string {
  const { chats, contacts } = state();
  return (
    chats.list.find((chat) => chat.who === who)?.name ?? contacts.users.find((user) => user.id === who)?.name ?? ''
  );
}

/** Resolves with the error code (and the field the server named) when it fails, or null when the user is signed in. */
export async function signIn(
  mode: 'login' | 'register',
  input: SignInInput,
): Promise<{ code: string; field: FailureField | null } | null> {
  try {
    const account = await (mode === 'login' ? messenger().login(input) : messenger().register(input));
    act.accountChanged(account);
    return null;
  } catch (error) {
    reportUnlessAnswered('signing in', error);
    return { code: errorCode(error), field: errorField(error) };
  }
}

/**
 * Signs out; `removeCache` also deletes this account's chats and unsent messages from this
 * computer. Never rejects: the buttons that call it do not wait.
 */
export async function signOut(removeCache = false): Promise<void> {
  try {
    await messenger().logout(removeCache ? { removeCache } : undefined);
    act.accountChanged(null);
  } catch (error) {
    // Main logged why; its account event, if any, tells who is signed in.
    reportUnlessAnswered('signing out', error);
  }
}

export async function refreshContacts(): Promise<void> {
  try {
    act.contactsLoaded(await messenger().listUsers());
  } catch (error) {
    // Offline or signed out: the list refreshes when the connection is back. Main logged anything unexpected.
    reportUnlessAnswered('refreshing contacts', error);
  }
}

/** Opens the chat with `who` (the core finds or creates it) and loads its newest page. */
export async function openChat(who: number, name = nameOf(who)): Promise<void> {
  const previous = state().ui.openChat;
  if (previous?.who === who) return;
  if (previous) {
    void saveDraftNow(previous.who);
    void messenger()
      .closeChat({ who: previous.who })
      // Offline: the server forgets the view with the socket. Main logged anything unexpected.
      .catch((error: unknown) => reportUnlessAnswered('closing the previous chat', error));
  }
  act.chatShown({ who, name });
  act.chatMarkedRead(who);
  try {
    await messenger().openChat({ who });
  } catch (error) {
    // Offline still shows the cached chat; other codes are shown. Main logged anything unexpected.
    reportUnlessAnswered('opening a chat', error);
    const code = errorCode(error);
    if (code !== 'offline' && state().ui.openChat?.who === who) act.chatFailed(code);
  }
  await loadNewest(who);
}

export async function loadNewest(who: number): Promise<void> {
  try {
    act.historyLoaded(who, await messenger().loadHistory({ who, limit: newestPageSize }), 'newest');
  } catch (error) {
    // Offline shows what is cached; other codes are shown. Main logged anything unexpected.
    reportUnlessAnswered('loading the newest messages', error);
    const code = errorCode(error);
    if (code !== 'offline' && state().ui.openChat?.who === who) act.chatFailed(code);
  }
}

/** Loads the page before the oldest message held, once at a time. */
export async function loadOlder(who: number): Promise<void> {
  const timeline = timelineOf(state().messages, who);
  const beforeSeq = oldestSeq(timeline);
  if (!timeline.loaded || !timeline.hasMore || timeline.loadingOlder || beforeSeq === null || beforeSeq <= 1) return;
  act.olderHistoryLoading(who, true);
  try {
    act.historyLoaded(who, await messenger().loadHistory({ who, beforeSeq, limit: olderPageSize }), 'older');
  } catch (error) {
    // Scrolling up again asks again. Main logged anything unexpected.
    reportUnlessAnswered('loading older messages', error);
    act.olderHistoryLoading(who, false);
  }
}

export function closeOpenChat(): void {
  const open = state().ui.openChat;
  if (!open) return;
  act.chatHidden();
  void messenger()
    .closeChat({ who: open.who })
    // Offline: the server forgets the view with the socket. Main logged anything unexpected.
    .catch((error: unknown) => reportUnlessAnswered('closing a chat', error));
}

/** Sends `content`; when the composer is replying, as an answer to that message. */
export async function sendMessage(who: number, content: string): Promise<void> {
  if (content.trim() === '') return;
  const mode = state().acts.compose[who];
  const replyTo = mode?.kind === 'reply' ? (mode.message.id ?? undefined) : undefined;
  act.draftChanged(who, '');
  composeModeChanged(who, null);
  void saveDraftNow(who);
  try {
    act.messagesArrived(who, [await messenger().send({ to: who, content, ...(replyTo ? { replyTo } : {}) })]);
  } catch (error) {
    reportUnlessAnswered('sending a message', error);
    // Nothing was queued: give the text back rather than lose it.
    if (!state().ui.drafts[who]) act.draftChanged(who, content);
    act.chatFailed(errorCode(error));
  }
}

export async function retryMessage(clientId: string): Promise<void> {
  await messenger()
    .retry({ clientId })
    .catch((error: unknown) => {
      reportUnlessAnswered('retrying a message', error);
      act.chatFailed(errorCode(error));
    });
}

export async function discardMessage(who: number, clientId: string): Promise<void> {
  try {
    await messenger().discard({ clientId });
    act.messageDiscarded(who, clientId);
  } catch (error) {
    reportUnlessAnswered('discarding a message', error);
    act.chatFailed(errorCode(error));
  }
}

export async function markRead(who: number): Promise<void> {
  act.chatMarkedRead(who);
  await messenger()
    .readChat({ who })
    // Offline: the next chats event tells the server's count. Main logged anything unexpected.
    .catch((error: unknown) => reportUnlessAnswered('marking a chat read', error));
}

/** Deletes the user's copy; resolves with the error code when it fails. */
export async function deleteChat(who: number): Promise<string | null> {
  try {
    await messenger().deleteChat({ who });
  } catch (error) {
    reportUnlessAnswered('deleting a chat', error);
    return errorCode(error);
  }
  if (state().ui.openChat?.who === who)
    void messenger()
      .closeChat({ who })
      // The chat is gone on the server already. Main logged anything unexpected.
      .catch((error: unknown) => reportUnlessAnswered('closing a deleted chat', error));
  act.chatDeleted(who);
  return null;
}

export async function changeSettings(changes: Partial<Settings>): Promise<void> {
  act.settingsChanged({ ...state().settings, ...changes });
  try {
    act.settingsChanged(await messenger().updateSettings(changes));
  } catch (error) {
    // The core's settings event (or the next snapshot) tells the truth. Main logged why.
    reportUnlessAnswered('changing settings', error);
  }
}

const lastTypingSent = new Map<number, number>();

/** The user typed in `who`'s chat: tell the peer, at most every two seconds. */
export function noteTyping(who: number, now = Date.now()): void {
  if (state().session.connection !== 'online') return;
  const last = lastTypingSent.get(who);
  if (last !== undefined && now - last < typingEveryMs) return;
  lastTypingSent.set(who, now);
  void messenger()
    .typing({ who })
    // A typing notice is worth nothing late. Main logged anything unexpected.
    .catch((error: unknown) => reportUnlessAnswered('sending a typing notice', error));
}
