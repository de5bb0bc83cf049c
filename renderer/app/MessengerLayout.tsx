// Browser runtime. The WeChat layout: the narrow left bar, the middle list, the chat on the
// right; plus what floats above them (menus, dialogs, palette). Every menu sits in the
// landmark it was opened from, so screen readers (and axe's region rule) find it there.
import { useEffect } from 'react';
import { ChatMenu } from '../chats/ChatMenu.js';
import { ChatsColumn } from '../chats/ChatsColumn.js';
import { DeleteChatDialog } from '../chats/DeleteChatDialog.js';
import { ChatPane } from '../chat/ChatPane.js';
import { ContactList } from '../contacts/ContactList.js';
import { useText } from '../i18n/use-text.js';
import { JumpPalette } from '../palette/JumpPalette.js';
import { SettingsPane } from '../settings/SettingsPane.js';
import { useAppStore } from '../store/use-app-store.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { OutboxRecoveryNotice } from './OutboxRecoveryNotice.js';
import { SideBar } from './SideBar.js';
import { focusIntoApp } from './focus-into-app.js';
import { visuallyHidden } from '../common/visually-hidden.js';
import { UpdateBar } from './UpdateBar.js';
import { useShortcuts } from './use-shortcuts.js';
import { ForwardDialog } from '../chat/ForwardDialog.js';

const sectionTitle = { chats: 'navChats', contacts: 'navContacts', settings: 'navSettings' } as const;

export function MessengerLayout() {
  const t = useText();
  const section = useAppStore((state) => state.ui.section);
  const paletteOpen = useAppStore((state) => state.ui.paletteOpen);
  const confirmDelete = useAppStore((state) => state.ui.confirmDelete);
  const chatMenu = useAppStore((state) => state.ui.chatMenu);
  const forward = useAppStore((state) => state.acts.forward);
  useShortcuts();
  // After the children's effects: the chat list has registered and can focus its row.
  useEffect(focusIntoApp, []);

  return (
    <div className="layout">
      <header style={visuallyHidden}>
        <h1>{t('appName')}</h1>
      </header>
      <SideBar />
      <aside className="middle" aria-label={t(sectionTitle[section])}>
        <ConnectionBanner />
        <OutboxRecoveryNotice />
        <UpdateBar />
        {section === 'chats' && <ChatsColumn />}
        {section === 'contacts' && <ContactList />}
        {section === 'settings' && <SettingsPane />}
        {chatMenu && <ChatMenu menu={chatMenu} />}
      </aside>
      <ChatPane />
      {forward && <ForwardDialog who={forward.who} id={forward.id} />}
      {confirmDelete && <DeleteChatDialog chat={confirmDelete} />}
      {paletteOpen && <JumpPalette />}
    </div>
  );
}
