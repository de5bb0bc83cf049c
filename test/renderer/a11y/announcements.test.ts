// The announcer's sentences: pure, in Node.
import { describe, expect, it } from 'vitest';
import { arrivalsElsewhereText, arrivalsInOpenChatTexts, typingText } from '../../../renderer/a11y/announcements.js';
import { initialAppState, type AppState } from '../../../renderer/store/state.js';
import { chat, copy, sent } from '../fixtures.js';

const isolated = (words: string) => `\u2068${words}\u2069`;
const image = { id: 'f1', name: 'cat.png', mime: 'image/png', size: 10, sha256: 'a'.repeat(64) };

function state(fields: Partial<AppState> = {}): AppState {
  return { ...initialAppState(), ...fields };
}

describe('the announcer’s sentences', () => {
  it('say a file by its kind, as the chat list does', () => {
    const list = [chat(2, 'bob', { unread: 1, last: copy(1, { content: '', attachments: [image] }) })];
    expect(arrivalsElsewhereText(state({ chats: { list } }), 2, 1)).toBe(
      `New message from ${isolated('bob')}: ${isolated('[Image]')}`,
    );
    expect(arrivalsInOpenChatTexts(state(), 2, [sent(1, { content: 'look', attachments: [image] })])).toEqual([
      `${isolated('bob')}: ${isolated('[Image] look')}`,
    ]);
  });

  it('name a deleted user as the app shows them', () => {
    const deleted = { ...initialAppState().contacts, deleted: { 2: true as const } };
    const list = [chat(2, 'bob', { unread: 2, last: copy(2) })];
    expect(arrivalsElsewhereText(state({ chats: { list }, contacts: deleted }), 2, 2)).toBe(
      `2 new messages from ${isolated('Deleted user')}`,
    );
  });

  it('say nothing of a chat that is gone, and name who types in the open chat', () => {
    expect(arrivalsElsewhereText(state(), 2, 1)).toBe('');
    const ui = { ...initialAppState().ui, openChat: { who: 2, name: 'bob' } };
    expect(typingText(state({ ui }), 2)).toBe(`${isolated('bob')} is typing…`);
  });
});
