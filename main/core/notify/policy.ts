// What the desktop shows for the user's chats: the unread total, the tray tooltip, and
// whether and what to notify when a message arrives. Pure: no I/O, and the time is passed in.
import type { Message } from '../../../protocol/contract.js';
import { codePoints } from '../../../protocol/text.js';
import type { Chat, Settings } from '../../ipc/contract.js';
import type { Attention, DesktopNotification } from '../bridge.js';
import { stringsFor, type Language } from './desktop-strings.js';

export interface AttentionState {
  /** The signed-in user's id, or null when signed out. */
  me: number | null;
  chats: readonly Chat[];
  /** The peer id of the chat open in the window, if any. */
  viewing: number | null;
  windowFocused: boolean;
  settings: Pick<Settings, 'hideContent' | 'doNotDisturb' | 'doNotDisturbUntil' | 'language'>;
  /** The time now (ms): a timed Do not disturb is over once it has passed. */
  now: number;
}

export interface IncomingMessage {
  chat: Chat;
  message: Message;
}

/** Longest preview in code points, before the ellipsis. */
export const previewLength = 100;

// Cutting between graphemes keeps emoji sequences and accented letters whole.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Muted chats count for nothing; one the user marked unread counts at least one. */
export function unreadTotal(chats: readonly Chat[]): number {
  return chats.reduce((total, chat) => total + unreadOf(chat), 0);
}

function unreadOf(chat: Chat): number {
  if (chat.muted) return 0;
  return Math.max(chat.markedUnread ? 1 : 0, chat.unread);
}

/** "Messenger — 3 unread messages", in the user's language. */
export function tooltip(unread: number, language: Language = 'en'): string {
  return stringsFor(language).tooltip(unread);
}

export function attention(state: Pick<AttentionState, 'chats'> & { settings?: Pick<Settings, 'language'> }): Attention {
  const total = unreadTotal(state.chats);
  return { unreadTotal: total, tooltip: tooltip(total, state.settings?.language) };
}

/** On until turned off, or until its end time passes (the core then turns it off too). */
export function doNotDisturbOn(settings: Pick<Settings, 'doNotDisturb' | 'doNotDisturbUntil'>, now: number): boolean {
  return settings.doNotDisturb && (settings.doNotDisturbUntil === null || now < settings.doNotDisturbUntil);
}

export function notificationFor(state: AttentionState, incoming: IncomingMessage): DesktopNotification | null {
  const { chat, message } = incoming;
  if (doNotDisturbOn(state.settings, state.now) || chat.muted) return null;
  // An action (a recall, an edit, a deletion) is no news.
  if (message.kind !== undefined) return null;
  // Only the peer's messages notify: the user's own, sent from any of their devices, never do.
  if (message.user !== chat.who || message.user === state.me) return null;
  // The user is already looking at it; an unfocused or hidden window still gets told.
  if (state.viewing === chat.who && state.windowFocused) return null;
  const title = message.name || chat.name;
  const { hiddenBody } = stringsFor(state.settings.language);
  const body = state.settings.hideContent ? hiddenBody : preview(message.content) || hiddenBody;
  return { who: chat.who, title, body };
}

/** One line of at most `previewLength` code points, cut between characters, with an ellipsis when cut. */
export function preview(content: string): string {
  const line = content.replace(/\s+/gu, ' ').trim();
  if (codePoints(line) <= previewLength) return line;
  let kept = '';
  let count = 0;
  for (const { segment } of graphemes.segment(line)) {
    const size = codePoints(segment);
    if (count + size > previewLength) break;
    kept += segment;
    count += size;
  }
  // A single grapheme longer than the limit (stacked combining marks) is cut anyway.
  if (!kept) kept = Array.from(line).slice(0, previewLength).join('');
  return `${kept.trimEnd()}…`;
}
