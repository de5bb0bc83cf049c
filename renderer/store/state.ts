// Browser runtime, but pure. The one store's shape: a slice per concern.
import { initialActs, type ActsState } from './acts-slice.js';
import { initialChats, type ChatsState } from './chats-slice.js';
import { initialContacts, type ContactsState } from './contacts-slice.js';
import { initialDesktop, type DesktopState } from './desktop-slice.js';
import { initialFiles, type FilesState } from './files-slice.js';
import { initialMessages, type MessagesState } from './messages-slice.js';
import { initialSession, type SessionState } from './session-slice.js';
import { initialSettings, type SettingsState } from './settings-slice.js';
import { initialUi, type UiState } from './ui-slice.js';

export interface AppState {
  session: SessionState;
  chats: ChatsState;
  messages: MessagesState;
  contacts: ContactsState;
  ui: UiState;
  settings: SettingsState;
  files: FilesState;
  acts: ActsState;
  desktop: DesktopState;
}

export function initialAppState(): AppState {
  return {
    session: initialSession,
    chats: initialChats,
    messages: initialMessages,
    contacts: initialContacts,
    ui: initialUi,
    settings: initialSettings,
    files: initialFiles,
    acts: initialActs,
    desktop: initialDesktop,
  };
}
