// Browser runtime. The window's keyboard shortcuts: Ctrl/Cmd+K jump to a chat, Alt+↑/↓ the
// previous/next chat, Alt+Shift+↑/↓ the previous/next unread one, Esc closes the chat.
import { useEffect } from 'react';
import { closeOpenChat, openChat } from '../ipc/commands.js';
import { paletteToggled, sectionShown } from '../store/actions.js';
import { selectNeighbourChat } from '../store/chat-selectors.js';
import { appStore } from '../store/store.js';
import { focusChatRow } from '../chats/focus-chat-row.js';

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  const state = appStore.getState();
  // The image viewer handles its own Esc and arrows.
  const overlayOpen =
    state.ui.paletteOpen ||
    state.ui.chatMenu !== null ||
    state.ui.confirmDelete !== null ||
    state.acts.menu !== null ||
    state.acts.forward !== null ||
    state.files.viewer !== null;

  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
    event.preventDefault();
    if (!overlayOpen) paletteToggled(true);
    return;
  }
  if (overlayOpen) return;
  if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault();
    const next = selectNeighbourChat(state, event.key === 'ArrowDown' ? 1 : -1, event.shiftKey);
    if (next) {
      sectionShown('chats');
      void openChat(next.who, next.name);
    }
    return;
  }
  if (event.key === 'Escape' && state.ui.openChat) {
    event.preventDefault();
    const who = state.ui.openChat.who;
    closeOpenChat();
    // Focus goes back to where the chat was picked from, not to the top of the page.
    requestAnimationFrame(() => focusChatRow(who));
  }
}

export function useShortcuts(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
