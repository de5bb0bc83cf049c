// Electron main runtime, but pure: the words the tray menu and the taskbar show.

/** "No unread messages", "1 unread message", "3 unread messages". */
export function unreadLabel(total: number): string {
  if (total <= 0) return 'No unread messages';
  return `${total} unread ${total === 1 ? 'message' : 'messages'}`;
}
