// The chat list's rows, the unread total and the window title, read from a plain state.
import { describe, expect, it } from 'vitest';
import {
  selectChatRows,
  selectNeighbourChat,
  selectUnreadTotal,
  selectWindowTitle,
  unreadBadge,
} from '../../../renderer/store/chat-selectors.js';
import { initialAppState, type AppState } from '../../../renderer/store/state.js';
import { chat, copy } from '../fixtures.js';

function stateWith(change: (state: AppState) => Partial<AppState>): AppState {
  const state = initialAppState();
  return { ...state, ...change(state) };
}

describe('selectChatRows', () => {
  const chats = [
    chat(2, 'bob', { updatedAt: 100, lastSeq: 1, last: copy(1, { content: 'old\n  news', date: 100 }) }),
    chat(3, 'carol', { updatedAt: 300, unread: 4, lastSeq: 4, last: copy(4, { content: 'newest', date: 300 }) }),
    chat(4, 'dave', { updatedAt: 200 }),
  ];

  it('lists the newest chat first, with preview, time and badge', () => {
    const rows = selectChatRows(
      stateWith((s) => ({ chats: { list: chats }, ui: { ...s.ui, openChat: { who: 2, name: 'bob' } } })),
    );
    expect(rows.map((row) => row.name)).toEqual(['carol', 'dave', 'bob']);
    expect(rows[0]).toMatchObject({ who: 3, preview: 'newest', time: 300, unread: 4, badge: '4', isOpen: false });
    expect(rows[1]).toMatchObject({ preview: '', time: null, badge: null });
    expect(rows[2]).toMatchObject({ preview: 'old news', isOpen: true });
  });

  it('breaks ties by record id, as the server does', () => {
    const rows = selectChatRows(
      stateWith(() => ({
        chats: { list: [chat(2, 'a', { id: 5, updatedAt: 1 }), chat(3, 'b', { id: 9, updatedAt: 1 })] },
      })),
    );
    expect(rows.map((row) => row.name)).toEqual(['b', 'a']);
  });

  it('shows the draft of a chat that is not open instead of its last message', () => {
    const state = stateWith((s) => ({
      chats: { list: chats },
      ui: { ...s.ui, drafts: { 2: 'half a\nthought', 3: 'open one' }, openChat: { who: 3, name: 'carol' } },
    }));
    const rows = selectChatRows(state);
    expect(rows.find((row) => row.who === 2)).toMatchObject({ preview: 'half a thought', isDraft: true });
    expect(rows.find((row) => row.who === 3)).toMatchObject({ preview: 'newest', isDraft: false });
  });

  it('returns the same array while its inputs are unchanged (a stable store selector)', () => {
    const state = stateWith(() => ({ chats: { list: chats } }));
    expect(selectChatRows(state)).toBe(selectChatRows({ ...state, settings: { ...state.settings, theme: 'dark' } }));
  });
});

describe('unread badge and total', () => {
  it('shows counts up to 99, then 99+', () => {
    expect([0, 1, 99, 100, 5000].map(unreadBadge)).toEqual([null, '1', '99', '99+', '99+']);
  });

  it('sums unread over all chats and puts it in the window title', () => {
    const state = stateWith(() => ({
      chats: { list: [chat(2, 'bob', { unread: 2 }), chat(3, 'carol', { unread: 1 }), chat(4, 'dave')] },
    }));
    expect(selectUnreadTotal(state)).toBe(3);
    expect(selectWindowTitle(state)).toBe('Messenger (3)');
  });

  it('titles the window just "Messenger" with nothing unread', () => {
    expect(selectWindowTitle(stateWith(() => ({ chats: { list: [chat(2, 'bob')] } })))).toBe('Messenger');
    expect(selectUnreadTotal(initialAppState())).toBe(0);
  });
});

describe('selectNeighbourChat', () => {
  const list = [
    chat(2, 'a', { updatedAt: 4 }),
    chat(3, 'b', { updatedAt: 3, unread: 2 }),
    chat(4, 'c', { updatedAt: 2 }),
    chat(5, 'd', { updatedAt: 1, unread: 1 }),
  ];
  const opened = (who: number | null) =>
    stateWith((s) => ({ chats: { list }, ui: { ...s.ui, openChat: who === null ? null : { who, name: '' } } }));

  it('moves to the next and previous chat in list order, wrapping around', () => {
    expect(selectNeighbourChat(opened(2), 1, false)?.who).toBe(3);
    expect(selectNeighbourChat(opened(2), -1, false)?.who).toBe(5);
    expect(selectNeighbourChat(opened(5), 1, false)?.who).toBe(2);
  });

  it('starts at the top or bottom when no chat is open', () => {
    expect(selectNeighbourChat(opened(null), 1, false)?.who).toBe(2);
    expect(selectNeighbourChat(opened(null), -1, false)?.who).toBe(5);
  });

  it('skips to the next unread chat', () => {
    expect(selectNeighbourChat(opened(3), 1, true)?.who).toBe(5);
    expect(selectNeighbourChat(opened(5), 1, true)?.who).toBe(3);
    expect(selectNeighbourChat(opened(2), -1, true)?.who).toBe(5);
  });

  it('finds nothing when no other chat is unread', () => {
    const state = stateWith((s) => ({
      chats: { list: [chat(2, 'a', { unread: 1 }), chat(3, 'b')] },
      ui: { ...s.ui, openChat: { who: 2, name: 'a' } },
    }));
    expect(selectNeighbourChat(state, 1, true)).toBeNull();
    expect(selectNeighbourChat(initialAppState(), 1, false)).toBeNull();
  });
});
