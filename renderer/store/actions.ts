// Browser runtime. The plain actions that change the store: IPC events (ipc/wiring.ts) and
// user commands (ipc/commands.ts) call these; each is one pure update of one or two slices.
import type {
  Account,
  Chat,
  ChatMessage,
  ConnectionState,
  HistoryPage,
  OutboxRecovery,
  Settings,
  Snapshot,
  User,
} from '../../main/ipc/contract.js';
import type { UserUpdate } from '../../main/ipc/account-contract.js';
import { withUserUpdate } from './user-updates.js';
import { initialActs } from './acts-slice.js';
import { initialChats, withChatRead, withoutChat } from './chats-slice.js';
import { initialContacts, withPresence, withUsers } from './contacts-slice.js';
import { desktopOfSnapshot } from './desktop-slice.js';
import { initialFiles, withUploadsDone } from './files-slice.js';
import {
  initialMessages,
  withArrived,
  withDiscarded,
  withHistoryPage,
  withHistoryReset,
  withOutbox,
  withLoadingOlder,
} from './messages-slice.js';
import { withAccount, withConnection } from './session-slice.js';
import { initialAppState } from './state.js';
import { appStore } from './store.js';
import {
  initialUi,
  withDraft,
  withoutTyping,
  withTyping,
  type ChatMenu,
  type OpenChat,
  type Section,
} from './ui-slice.js';

const { getState, setState } = appStore;

// Session

export function snapshotArrived(snapshot: Snapshot): void {
  setState((state) => {
    const session = withConnection(
      withAccount(
        {
          ...state.session,
          loaded: true,
          startFailed: false,
          defaultServerUrl: snapshot.defaultServerUrl,
          about: snapshot.about,
          outboxRecovery: snapshot.outboxRecovery,
        },
        snapshot.account,
      ),
      snapshot.connection,
    );
    const deleted = Object.fromEntries((snapshot.deletedUsers ?? []).map((id) => [id, true as const]));
    return {
      session,
      chats: { list: snapshot.chats },
      messages: withOutbox(state.messages, snapshot.outbox ?? {}),
      settings: snapshot.settings,
      contacts: { ...state.contacts, deleted },
      desktop: desktopOfSnapshot(snapshot),
      // Drafts typed since the window opened win over the ones saved in the profile.
      ui: { ...state.ui, drafts: { ...snapshot.drafts, ...state.ui.drafts } },
    };
  });
}

/** What a damaged outbox lost (main's event), or null: nothing to show (dismissed, signed out). */
export function outboxRecoveryChanged(outboxRecovery: OutboxRecovery | null): void {
  setState((state) => ({ session: { ...state.session, outboxRecovery } }));
}

export function startFailed(failed: boolean): void {
  setState((state) => ({ session: { ...state.session, startFailed: failed } }));
}

export function connectionChanged(connection: ConnectionState): void {
  setState((state) => ({ session: withConnection(state.session, connection) }));
}

/** Another user (or nobody) is signed in: what belonged to the last one is forgotten. */
export function accountChanged(account: Account | null): void {
  setState((state) => {
    const same =
      account !== null &&
      account.user.id === state.session.account?.user.id &&
      account.serverUrl === state.session.account.serverUrl;
    const session = withAccount(state.session, account);
    if (same) return { session };
    return {
      session: account ? session : { ...session, connection: 'signed-out' },
      chats: initialChats,
      messages: initialMessages,
      contacts: initialContacts,
      files: initialFiles,
      acts: initialActs,
      ui: { ...initialUi, section: state.ui.section === 'settings' && account ? 'settings' : 'chats' },
    };
  });
}

export function settingsChanged(settings: Settings): void {
  setState({ settings });
}

// Chats

export function chatsChanged(list: Chat[]): void {
  setState({ chats: { list } });
}

export function chatMarkedRead(who: number): void {
  setState((state) => ({ chats: withChatRead(state.chats, who) }));
}

export function chatDeleted(who: number): void {
  setState((state) => {
    const open = state.ui.openChat?.who === who;
    return {
      chats: withoutChat(state.chats, who),
      messages: withHistoryReset(state.messages, who),
      ui: {
        ...withDraft(state.ui, who, ''),
        openChat: open ? null : state.ui.openChat,
        confirmDelete: null,
        chatMenu: null,
      },
    };
  });
}

// Messages

export function messagesArrived(who: number, messages: ChatMessage[]): void {
  setState((state) => {
    // A peer's message ends their "typing…".
    const fromPeer = messages.some((message) => message.user === who);
    return {
      messages: withArrived(state.messages, who, messages),
      files: withUploadsDone(state.files, messages),
      ...(fromPeer ? { ui: withoutTyping(state.ui, 0, who) } : {}),
    };
  });
}

export function historyLoaded(who: number, page: HistoryPage, which: 'newest' | 'older'): void {
  setState((state) => ({ messages: withHistoryPage(state.messages, who, page, which) }));
}

export function olderHistoryLoading(who: number, loading: boolean): void {
  setState((state) => ({ messages: withLoadingOlder(state.messages, who, loading) }));
}

export function historyReset(who: number): void {
  setState((state) => ({ messages: withHistoryReset(state.messages, who) }));
}

export function messageDiscarded(who: number, clientId: string): void {
  setState((state) => ({ messages: withDiscarded(state.messages, who, clientId) }));
}

// Contacts

export function contactsLoaded(users: User[]): void {
  setState((state) => ({ contacts: withUsers(state.contacts, users) }));
}

export function presenceChanged(id: number, online: boolean): void {
  setState((state) => ({ contacts: withPresence(state.contacts, id, online) }));
}

export function userUpdated(update: UserUpdate): void {
  setState((state) => withUserUpdate(state, update));
}

export function contactSearchChanged(query: string): void {
  setState((state) => ({ contacts: { ...state.contacts, query } }));
}

// UI

export function sectionShown(section: Section): void {
  setState((state) => ({ ui: { ...state.ui, section } }));
}

export function chatShown(chat: OpenChat): void {
  setState((state) => ({
    ui: { ...state.ui, openChat: chat, chatError: null, chatMenu: null, paletteOpen: false },
    files: { ...state.files, viewer: null },
  }));
}

export function chatHidden(): void {
  setState((state) => ({
    ui: { ...state.ui, openChat: null, chatError: null },
    files: { ...state.files, viewer: null },
  }));
}

export function chatFailed(code: string | null): void {
  setState((state) => ({ ui: { ...state.ui, chatError: code } }));
}

export function draftChanged(who: number, text: string): void {
  setState((state) => ({ ui: withDraft(state.ui, who, text) }));
}

export function peerTyping(from: number, at: number): void {
  setState((state) => ({ ui: withTyping(state.ui, from, at) }));
}

/** Typing notices older than a few seconds at `now` are dropped. */
export function typingExpired(now: number): void {
  setState((state) => ({ ui: withoutTyping(state.ui, now) }));
}

export function paletteToggled(open: boolean): void {
  setState((state) => ({ ui: { ...state.ui, paletteOpen: open, chatMenu: null } }));
}

export function chatMenuOpened(menu: ChatMenu | null): void {
  setState((state) => ({ ui: { ...state.ui, chatMenu: menu } }));
}

export function deleteAsked(chat: OpenChat | null): void {
  setState((state) => ({ ui: { ...state.ui, confirmDelete: chat, chatMenu: null } }));
}

export function signOutAsked(open: boolean): void {
  setState((state) => ({ ui: { ...state.ui, confirmSignOut: open } }));
}

/** Back to a fresh store (tests, and nothing else). */
export function storeReset(): void {
  setState(initialAppState(), true);
}

export function currentState() {
  return getState();
}
