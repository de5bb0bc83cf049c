// Browser runtime, but pure. The buddy list, presence, and the jump-to-chat palette.
import { byRecency } from '../../main/ipc/rules.js';
import { byActivity, selectNewestUnsent } from './chat-selectors.js';
import { derive } from './derive.js';
import type { AppState } from './state.js';

export interface ContactRow {
  id: number;
  name: string;
  online: boolean;
}

function matches(name: string, query: string): boolean {
  const wanted = query.trim().toLocaleLowerCase();
  return wanted === '' || name.toLocaleLowerCase().includes(wanted);
}

/** Everyone but the user, by name, narrowed to names containing `query` (any case). */
export function selectVisibleContacts(query: string) {
  return derive(
    (state: AppState) => [state.contacts.users, state.contacts.online, state.session.account?.user.id ?? null] as const,
    (users, online, me): ContactRow[] =>
      users
        .filter((user) => user.id !== me && matches(user.name, query))
        .map((user) => ({ id: user.id, name: user.name, online: online[user.id] ?? user.online }))
        .sort((a, b) => a.name.localeCompare(b.name)),
  );
}

export function selectIsOnline(who: number) {
  return (state: AppState): boolean => state.contacts.online[who] ?? false;
}

export interface JumpTarget {
  who: number;
  name: string;
  unread: number;
}

/** Chats whose name contains `query`, newest first, then contacts without a chat yet. */
export function selectJumpTargets(query: string) {
  return derive(
    (state: AppState) =>
      [
        state.chats.list,
        state.contacts.users,
        state.session.account?.user.id ?? null,
        selectNewestUnsent(state),
      ] as const,
    (chats, users, me, unsentByChat): JumpTarget[] => {
      const fromChats = byActivity(chats, unsentByChat, byRecency)
        .filter((chat) => matches(chat.name, query))
        .map((chat) => ({ who: chat.who, name: chat.name, unread: chat.unread }));
      const withChat = new Set(chats.map((chat) => chat.who));
      const fromContacts = users
        .filter((user) => user.id !== me && !withChat.has(user.id) && matches(user.name, query))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((user) => ({ who: user.id, name: user.name, unread: 0 }));
      return [...fromChats, ...fromContacts];
    },
  );
}
