// Browser runtime. The one place that listens to window.messenger's events: each updates
// the store through an action. Subscribed before the first snapshot so nothing is missed.
import type { MessengerApi, Unsubscribe } from '../../main/ipc/contract.js';
import * as act from '../store/actions.js';
import { serverNoticeChanged, updateChanged } from '../store/desktop-actions.js';
import { fileProgressed } from '../store/file-actions.js';
import { appStore } from '../store/store.js';
import { typingShownMs } from '../store/ui-slice.js';
import { messenger } from './api.js';
import { loadNewest, openChat, refreshContacts } from './commands.js';
import { reportProblem } from './problems.js';

export function wireEvents(api: MessengerApi, now: () => number = Date.now): Unsubscribe {
  const unsubscribes = [
    api.on('connection', (connection) => {
      act.connectionChanged(connection);
      if (connection === 'online') void refreshContacts();
    }),
    api.on('account', (account) => act.accountChanged(account)),
    api.on('chats', (chats) => act.chatsChanged(chats)),
    api.on('messages', ({ who, messages }) => act.messagesArrived(who, messages)),
    api.on('historyReset', ({ who }) => {
      act.historyReset(who);
      // The open chat reloads at once; others reload when next opened.
      if (appStore.getState().ui.openChat?.who === who) void loadNewest(who);
    }),
    api.on('presence', ({ id, online }) => act.presenceChanged(id, online)),
    api.on('typing', ({ from }) => {
      act.peerTyping(from, now());
      setTimeout(() => act.typingExpired(now()), typingShownMs + 50);
    }),
    api.on('settings', (settings) => act.settingsChanged(settings)),
    api.on('outboxRecovery', (recovery) => act.outboxRecoveryChanged(recovery)),
    api.on('userUpdated', (update) => act.userUpdated(update)),
    api.on('fileProgress', (progress) => fileProgressed(progress)),
    api.on('update', (update) => updateChanged(update)),
    api.on('serverNotice', (notice) => serverNoticeChanged(notice)),
    api.on('showChat', ({ who }) => {
      act.sectionShown('chats');
      void openChat(who);
    }),
    // `unreadTotal` is not subscribed: the total is the sum of the chats' unread counts
    // (selectUnreadTotal), which arrive with every `chats` event.
  ];
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

/** Loads what the window shows first, once the events are wired. */
export async function loadSnapshot(api: MessengerApi): Promise<void> {
  const snapshot = await api.snapshot();
  act.snapshotArrived(snapshot);
  if (snapshot.account) void refreshContacts();
}

/**
 * Start-up and its "Try again": loads the snapshot; when that fails the window says so, with a
 * way to try again, instead of "Loading…" for ever.
 */
export async function startWindow(): Promise<void> {
  act.startFailed(false);
  try {
    await loadSnapshot(messenger());
  } catch (error) {
    act.startFailed(true);
    reportProblem('loading the window', error);
  }
}
