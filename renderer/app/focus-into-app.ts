// Browser runtime. Where keyboard focus goes when the messenger appears (after signing in or
// creating an account, or on opening already signed in): into the app, not onto <body>.
import { focusCurrentChatRow } from '../chats/focus-chat-row.js';

/**
 * The chat list's current row; with no rows yet, the middle column's search box; else the
 * left bar's current section. Leaves focus alone when something already has it.
 */
export function focusIntoApp(): void {
  const active = document.activeElement;
  if (active !== null && active !== document.body) return;
  if (focusCurrentChatRow()) return;
  const target =
    document.querySelector<HTMLElement>('.middle .search-input') ??
    document.querySelector<HTMLElement>('.sidebar-button[aria-current="page"]');
  target?.focus();
}
