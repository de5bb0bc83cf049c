// Browser runtime. The WeChat layout: the narrow left bar, the middle list, the chat on the
// right; plus what floats above them (menu, dialog, palette).
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
import { UpdateBar } from './UpdateBar.js';
import { useShortcuts } from './use-shortcuts.js';
import { MessageMenu } from '../chat/MessageMenu.js';
import { ForwardDialog } from '../chat/ForwardDialog.js';

const sectionTitle = { chats: 'navChats', contacts: 'navContacts', settings: 'navSettings' } as const;

export function MessengerLayout() {
  const t = useText();
  const section = useAppStore((state) => state.ui.section);
  const paletteOpen = useAppStore((state) => state.ui.paletteOpen);
  const confirmDelete = useAppStore((state) => state.ui.confirmDelete);
  const chatMenu = useAppStore((state) => state.ui.chatMenu);
  const messageMenu = useAppStore((state) => state.acts.menu);
  const forward = useAppStore((state) => state.acts.forward);
  useShortcuts();

  return (
    <div className="layout">
      <SideBar />
      <aside className="middle" aria-label={t(sectionTitle[section])}>
        <ConnectionBanner />
        <OutboxRecoveryNotice />
        <UpdateBar />
        {section === 'chats' && <ChatsColumn />}
        {section === 'contacts' && <ContactList />}
        {section === 'settings' && <SettingsPane />}
      </aside>
      <ChatPane />
      {chatMenu && <ChatMenu menu={chatMenu} />}
      {messageMenu && <MessageMenu menu={messageMenu} />}
      {forward && <ForwardDialog who={forward.who} id={forward.id} />}
      {confirmDelete && <DeleteChatDialog chat={confirmDelete} />}
      {paletteOpen && <JumpPalette />}
    </div>
  );
}
