// Browser runtime. A chat's actions (Mark as read/unread, Pin, Mute, Delete chat) as a menu at the pointer or
// under the row; arrow keys move, Esc or a click elsewhere closes it.
import type { KeyboardEvent } from 'react';
import { markRead } from '../ipc/commands.js';
import { markUnread, muteChat, pinChat } from '../ipc/message-commands.js';
import { useText } from '../i18n/use-text.js';
import { chatMenuOpened, deleteAsked } from '../store/actions.js';
import type { ChatMenu as ChatMenuState } from '../store/ui-slice.js';
import { focusChatRow } from './focus-chat-row.js';
import { menuKey } from '../common/menu-keys.js';
import { usePopupMenu } from '../common/use-popup-menu.js';

const closeChatMenu = () => chatMenuOpened(null);

export function ChatMenu({ menu }: { menu: ChatMenuState }) {
  const t = useText();

  const { ref, items } = usePopupMenu(menu, closeChatMenu);

  function close(): void {
    chatMenuOpened(null);
    focusChatRow(menu.who);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (!menuKey(event.key, items(), close)) return;
    event.preventDefault();
  }

  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={t('chatActions', { name: menu.name })}
      onKeyDown={onKeyDown}
    >
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        onClick={() => {
          close();
          void markRead(menu.who);
        }}
      >
        {t('markAsRead')}
      </button>
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        onClick={() => {
          close();
          void markUnread(menu.who);
        }}
      >
        {t('markAsUnread')}
      </button>
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        onClick={() => {
          close();
          void pinChat(menu.who, !menu.pinned);
        }}
      >
        {menu.pinned ? t('unpinChat') : t('pinChat')}
      </button>
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        onClick={() => {
          close();
          void muteChat(menu.who, !menu.muted);
        }}
      >
        {menu.muted ? t('unmuteChat') : t('muteChat')}
      </button>
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        className="danger"
        onClick={() => deleteAsked({ who: menu.who, name: menu.name })}
      >
        {t('deleteChat')}
      </button>
    </div>
  );
}
