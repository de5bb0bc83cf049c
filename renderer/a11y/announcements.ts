// Browser runtime, but pure. The sentences the announcer says, in the user's language: a name
// is the one the app shows (a deleted user's is "Deleted user"), a message's words only when
// the settings let notifications show them.
import type { ChatMessage } from '../../main/ipc/contract.js';
import { text } from '../i18n/strings.js';
import { lastMessagePreview } from '../store/chat-selectors.js';
import type { AppState } from '../store/state.js';

/** More of the open chat's messages at once than this are counted, not read out one by one. */
export const readOutAtMost = 3;

function shownName(state: AppState, who: number, name: string): string {
  return state.contacts.deleted[who] ? text(state.settings.language, 'deletedUser') : name;
}

function oneLine(words: string): string {
  return words.replace(/\s+/gu, ' ').trim();
}

/** A message as one line: its text, or "[Image]" / "[File] name" and the caption. */
function messageWords(message: ChatMessage, state: AppState): string {
  const { attachments, content } = message;
  const words = attachments?.length
    ? lastMessagePreview({ attachments, content: '', caption: content }, state.settings.language)
    : content;
  return oneLine(words);
}

/**
 * "New message from Carol: Lunch?" ("New message from Carol" while notification content is
 * hidden), or "3 new messages from Carol". Empty when the chat is gone.
 */
export function arrivalsElsewhereText(state: AppState, who: number, count: number): string {
  const chat = state.chats.list.find((candidate) => candidate.who === who);
  if (!chat) return '';
  const language = state.settings.language;
  const name = shownName(state, who, chat.name);
  if (count > 1) return text(language, 'announceNewMessages', { n: count, name });
  const last = chat.last;
  const words =
    state.settings.hideContent || !last || last.user !== who || last.recalled
      ? ''
      : oneLine(lastMessagePreview(last, language));
  return words === ''
    ? text(language, 'announceNewMessage', { name })
    : text(language, 'announceNewMessageText', { name, text: words });
}

/**
 * The open chat's new messages, as the chat shows them: "Carol: Lunch?" each, or "5 new messages
 * from Carol" for more than a few at once (a catch-up after reconnecting).
 */
export function arrivalsInOpenChatTexts(state: AppState, who: number, messages: readonly ChatMessage[]): string[] {
  const first = messages[0];
  if (!first) return [];
  const language = state.settings.language;
  const name = shownName(state, who, first.name);
  if (messages.length > readOutAtMost) return [text(language, 'announceNewMessages', { n: messages.length, name })];
  return messages.map((message) => text(language, 'announceOpenMessage', { name, text: messageWords(message, state) }));
}

export function typingText(state: AppState, who: number): string {
  const name = state.ui.openChat?.who === who ? state.ui.openChat.name : '';
  return text(state.settings.language, 'announceTyping', { name: shownName(state, who, name) });
}
