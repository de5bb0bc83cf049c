// Pinned, muted and marked-unread chats in the list's rows and the window title's total.
import { describe, expect, it } from 'vitest';
import { selectChatRows, selectUnreadTotal, selectWindowTitle } from '../../../renderer/store/chat-selectors.js';
import { initialAppState, type AppState } from '../../../renderer/store/state.js';
import { chat } from '../fixtures.js';

function withChats(list: AppState['chats']['list']): AppState {
  return { ...initialAppState(), chats: { list } };
}

describe('pinned and muted chats', () => {
  const state = withChats([
    chat(2, 'bob', { updatedAt: 500, unread: 2 }),
    chat(3, 'carol', { updatedAt: 100, pinnedAt: 10 }),
    chat(4, 'dave', { updatedAt: 50, pinnedAt: 20, muted: true, unread: 7 }),
    chat(5, 'erin', { updatedAt: 900, muted: true, unread: 3 }),
    chat(6, 'fay', { updatedAt: 10, markedUnread: true }),
  ]);

  it('lists pinned chats first (most recently pinned first), then the rest by recency', () => {
    const rows = selectChatRows(state);
    expect(rows.map((row) => [row.name, row.pinned])).toEqual([
      ['dave', true],
      ['carol', true],
      ['erin', false],
      ['bob', false],
      ['fay', false],
    ]);
  });

  it('marks muted rows and leaves them out of the total and the window title', () => {
    const rows = selectChatRows(state);
    expect(rows.filter((row) => row.muted).map((row) => row.name)).toEqual(['dave', 'erin']);
    expect(selectUnreadTotal(state)).toBe(2);
    expect(selectWindowTitle(state)).toBe('Messenger (2)');
  });

  it('shows a marked-unread chat with a dot badge (empty) and counts nothing for it', () => {
    const fay = selectChatRows(state).find((row) => row.name === 'fay');
    expect(fay).toMatchObject({ badge: '', markedUnread: true, unread: 0 });
  });
});
