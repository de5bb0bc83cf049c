// The buddy list filtered by the search box, and the jump-to-chat palette's matches.
import { describe, expect, it } from 'vitest';
import { selectIsOnline, selectJumpTargets, selectVisibleContacts } from '../../../renderer/store/contact-selectors.js';
import { withPresence, withUsers } from '../../../renderer/store/contacts-slice.js';
import { initialAppState, type AppState } from '../../../renderer/store/state.js';
import { account, chat, user } from '../fixtures.js';

function withPeople(): AppState {
  const state = initialAppState();
  const users = [
    user(1, 'alice', true),
    user(2, 'Bob', true),
    user(3, 'bobby tables'),
    user(4, 'Carol'),
    user(5, '张伟'),
  ];
  return { ...state, session: { ...state.session, account }, contacts: withUsers(state.contacts, users) };
}

describe('selectVisibleContacts', () => {
  it('lists everyone but the user, by name', () => {
    expect(selectVisibleContacts('')(withPeople()).map((c) => c.name)).toEqual([
      'Bob',
      'bobby tables',
      'Carol',
      '张伟',
    ]);
  });

  it('filters by any part of the name, ignoring case and surrounding spaces', () => {
    expect(selectVisibleContacts('BOB')(withPeople()).map((c) => c.name)).toEqual(['Bob', 'bobby tables']);
    expect(selectVisibleContacts('  tab ')(withPeople()).map((c) => c.name)).toEqual(['bobby tables']);
    expect(selectVisibleContacts('伟')(withPeople()).map((c) => c.id)).toEqual([5]);
    expect(selectVisibleContacts('nobody')(withPeople())).toEqual([]);
  });

  it('shows presence, updated by presence events', () => {
    const state = withPeople();
    const moved = { ...state, contacts: withPresence(withPresence(state.contacts, 2, false), 4, true) };
    expect(selectVisibleContacts('')(moved).map((c) => [c.name, c.online])).toEqual([
      ['Bob', false],
      ['bobby tables', false],
      ['Carol', true],
      ['张伟', false],
    ]);
    expect(selectIsOnline(4)(moved)).toBe(true);
    expect(selectIsOnline(99)(moved)).toBe(false);
  });
});

describe('selectJumpTargets', () => {
  it('offers matching chats newest first, then matching contacts without a chat', () => {
    const state = {
      ...withPeople(),
      chats: { list: [chat(4, 'Carol', { updatedAt: 1 }), chat(2, 'Bob', { updatedAt: 9, unread: 3 })] },
    };
    expect(selectJumpTargets('')(state).map((t) => t.name)).toEqual(['Bob', 'Carol', 'bobby tables', '张伟']);
    expect(selectJumpTargets('bo')(state)).toEqual([
      { who: 2, name: 'Bob', unread: 3 },
      { who: 3, name: 'bobby tables', unread: 0 },
    ]);
  });
});
