// Electron main runtime, but pure: the words the tray menu and the taskbar show, in the
// user's language (the table is the core's notify/desktop-strings.ts).
import { stringsFor, type Language } from '../../core/notify/desktop-strings.js';

/** "No unread messages", "1 unread message", "3 条未读消息". */
export function unreadLabel(total: number, language: Language = 'en'): string {
  return stringsFor(language).unread(total);
}
