// Browser runtime. A chat's actions (Mark as read/unread, Pin, Mute, Delete chat) as a menu at the pointer or
// under the row; arrow keys move, Esc or a click elsewhere closes it.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { markRead } from '../ipc/commands.js';
import { markUnread, muteChat, pinChat } from '../ipc/message-commands.js';
import { useText } from '../i18n/use-text.js';
import { chatMenuOpened, deleteAsked } from '../store/actions.js';
import type { ChatMenu as ChatMenuState } from '../store/ui-slice.js';
import { focusChatRow } from './focus-chat-row.js';
import { menuKey } from '../common/menu-keys.js';

export function ChatMenu({ menu }: { menu: ChatMenuState }) {
  const t = useText();
  const ref = useRef<HTMLDivElement>(null);

  const items = () => [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Keep the whole menu inside the window (set through CSSOM: allowed by the CSP).
    const x = Math.max(4, Math.min(menu.x, window.innerWidth - element.offsetWidth - 4));
    const y = Math.max(4, Math.min(menu.y, window.innerHeight - element.offsetHeight - 4));
    element.style.left = `${x}px`;
    element.style.top = `${y}px`;
    items()[0]?.focus();
  }, [menu]);

  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) chatMenuOpened(null);
    };
    document.addEventListener('pointerdown', closeOutside, true);
    return () => document.removeEventListener('pointerdown', closeOutside, true);
  }, []);

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
