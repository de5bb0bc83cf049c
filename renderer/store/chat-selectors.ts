// Browser runtime, but pure. What the chat list, the window title and the shortcuts read.
import { byRecency } from '../../main/ipc/rules.js';
import type { Chat, ChatMessage } from '../../main/ipc/contract.js';
import { isInlineImage } from '../format/file-kind.js';
import { text, type Language } from '../i18n/strings.js';
import { derive } from './derive.js';
import type { AppState } from './state.js';

export interface ChatRow {
  who: number;
  name: string;
  /** The last message (or the user's draft) on one line; empty when there is none. */
  preview: string;
  isDraft: boolean;
  /** When the chat last changed, for the time column; null for an empty chat. */
  time: number | null;
  unread: number;
  /** What the badge shows: the count, "99+", or '' (a dot: marked unread). Null when there is nothing unread. */
  badge: string | null;
  isOpen: boolean;
  pinned: boolean;
  /** No notifications and not in the window title's total: its badge is grey. */
  muted: boolean;
  /** The user marked it unread: a badge without a count when nothing else is unread. */
  markedUnread: boolean;
  /** The preview is the user's own message still in the outbox: a clock, or the failed mark. */
  outbox: 'sending' | 'failed' | null;
}

/** Pinned chats first (most recently pinned first), then the rest by recency. */
export function byPinThenRecency(a: Chat, b: Chat): number {
  return (b.pinnedAt ?? 0) - (a.pinnedAt ?? 0) || byRecency(a, b);
}

/**
 * The chats as `order` sorts them, each as recent as its newest message still in the outbox when
 * that is newer: the user just wrote there, so it moves up (as in WeChat) before the server stores it.
 */
export function byActivity(
  chats: readonly Chat[],
  unsentByChat: NewestUnsent,
  order: (a: Chat, b: Chat) => number,
): Chat[] {
  const active = chats.map((chat) => {
    const unsent = outboxLast(unsentByChat, chat);
    return unsent && unsent.date > chat.updatedAt
      ? { chat, sortAs: { ...chat, updatedAt: unsent.date } }
      : { chat, sortAs: chat };
  });
  return active.sort((a, b) => order(a.sortAs, b.sortAs)).map(({ chat }) => chat);
}

export function unreadBadge(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 99 ? '99+' : String(unread);
}

function oneLine(content: string): string {
  return content.replace(/\s+/gu, ' ').trim();
}

/** What a preview reads of a message: a stored copy, or an unsent one (its caption is `content`). */
interface PreviewedMessage {
  content: string;
  caption?: string;
  attachments?: ReadonlyArray<{ mime: string; name: string }>;
}

/**
 * How a last message reads in the list: "[Image]" / "[File] name" per attachment, then the
 * caption; a text message as itself.
 */
export function lastMessagePreview(last: PreviewedMessage | null, language: Language): string {
  if (!last) return '';
  if (!last.attachments?.length) return last.content;
  const parts = last.attachments.map((file) =>
    isInlineImage(file.mime) ? text(language, 'previewImage') : text(language, 'previewFile', { name: file.name }),
  );
  if (last.caption) parts.push(last.caption);
  return parts.join(' ');
}

/** Per chat (by peer id), the user's newest message not yet stored: unsent ones end a timeline. */
export type NewestUnsent = Readonly<Record<number, ChatMessage>>;

function newestUnsentOf(messages: readonly ChatMessage[] | undefined): ChatMessage | null {
  const newest = messages?.[messages.length - 1];
  if (!newest || newest.seq !== null || newest.state === 'sent' || newest.hidden) return null;
  return newest;
}

/**
 * The chats' newest unsent messages. Every message that arrives in any chat gives `byChat` a
 * new identity; the same object comes back while no chat's newest unsent message changed, so
 * the chat list is not sorted again for each of them.
 */
export const selectNewestUnsent = (() => {
  let kept: NewestUnsent = {};
  return derive(
    (state: AppState) => [state.messages.byChat] as const,
    (byChat): NewestUnsent => {
      const next: Record<number, ChatMessage> = {};
      for (const [who, chat] of Object.entries(byChat)) {
        const unsent = newestUnsentOf(chat?.messages);
        if (unsent) next[Number(who)] = unsent;
      }
      const whos = Object.keys(next);
      const same =
        whos.length === Object.keys(kept).length && whos.every((who) => kept[Number(who)] === next[Number(who)]);
      if (!same) kept = next;
      return kept;
    },
  );
})();

/** The chat's newest unsent message, if it is newer than its last stored one. */
export function outboxLast(unsentByChat: NewestUnsent, chat: Chat): ChatMessage | null {
  const newest = unsentByChat[chat.who];
  if (!newest) return null;
  return newest.date >= (chat.last?.date ?? 0) ? newest : null;
}

function unsentPreview(message: ChatMessage, language: Language): string {
  if (!message.attachments?.length) return message.content;
  return lastMessagePreview({ attachments: message.attachments, content: '', caption: message.content }, language);
}

export const selectChatRows = derive(
  (state: AppState) =>
    [
      state.chats.list,
      state.ui.openChat?.who ?? null,
      state.ui.drafts,
      state.settings.language,
      selectNewestUnsent(state),
    ] as const,
  (chats, openWho, drafts, language, unsentByChat): ChatRow[] =>
    byActivity(chats, unsentByChat, byPinThenRecency).map((chat) => {
      const draft = chat.who !== openWho ? drafts[chat.who] : undefined;
      const outbox = draft === undefined ? outboxLast(unsentByChat, chat) : null;
      const last = outbox ? unsentPreview(outbox, language) : lastMessagePreview(chat.last, language);
      return {
        who: chat.who,
        name: chat.name,
        preview: oneLine(draft ?? last),
        isDraft: draft !== undefined,
        time: outbox?.date ?? chat.last?.date ?? (chat.lastSeq > 0 ? chat.updatedAt : null),
        unread: chat.unread,
        badge: unreadBadge(chat.unread) ?? (chat.markedUnread ? '' : null),
        isOpen: chat.who === openWho,
        pinned: chat.pinnedAt !== undefined,
        muted: chat.muted === true,
        markedUnread: chat.markedUnread === true,
        outbox: outbox ? (outbox.state === 'failed' ? 'failed' : 'sending') : null,
      };
    }),
);

export function selectUnreadTotal(state: AppState): number {
  // Muted chats stay out of the total, as WeChat does.
  return state.chats.list.reduce((total, chat) => total + (chat.muted ? 0 : Math.max(0, chat.unread)), 0);
}

/** "Messenger (3)", or just "Messenger" with nothing unread. */
export function selectWindowTitle(state: AppState): string {
  const total = selectUnreadTotal(state);
  const language = state.settings.language;
  return total > 0 ? text(language, 'windowTitleUnread', { n: total }) : text(language, 'appName');
}

/**
 * The chat Alt+↑/↓ (or, unread only, Alt+Shift+↑/↓) moves to from the open one, in list
 * order; wraps around. Null when there is nowhere to go.
 */
export function selectNeighbourChat(state: AppState, direction: 1 | -1, unreadOnly: boolean): ChatRow | null {
  const rows = selectChatRows(state);
  if (rows.length === 0) return null;
  const current = rows.findIndex((row) => row.isOpen);
  for (let step = 1; step <= rows.length; step++) {
    const start = current === -1 ? (direction === 1 ? -1 : rows.length) : current;
    const row = rows[(((start + direction * step) % rows.length) + rows.length) % rows.length]!;
    if (row.isOpen) continue;
    if (!unreadOnly || row.unread > 0) return row;
  }
  return null;
}
