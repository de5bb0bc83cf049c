// Browser runtime (Vitest's Chromium). The window's search: contacts and messages grouped, the
// matched parts highlighted, a hit opening its chat at that message; Ctrl+F in a chat searching
// that chat only. Also the chat list's pin and mute marks, its grey badge, its menu and drafts.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { SearchResults } from '../../../main/ipc/messages-contract.js';
import { MessengerLayout } from '../../../renderer/app/MessengerLayout.js';
import * as act from '../../../renderer/store/actions.js';
import '../../../renderer/styles/layout.css';
import { chat, sent, user } from '../fixtures.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';

let fake: FakeApi;
const hit = {
  who: 3,
  name: 'carol',
  seq: 40,
  id: 400,
  date: Date.now(),
  snippet: 'lunch at noon?',
  matches: [[0, 5]] as Array<[number, number]>,
};

beforeEach(() => {
  fake = setUpStage();
  fake.answer('listUsers', () => [user(1, 'alice'), user(2, 'bob'), user(3, 'carol'), user(4, 'lucas')]);
  act.contactsLoaded([user(1, 'alice'), user(2, 'bob'), user(3, 'carol'), user(4, 'lucas')]);
  act.chatsChanged([chat(2, 'bob'), chat(3, 'carol')]);
  fake.answer('loadHistory', ({ who }) => ({
    messages: who === 3 ? [sent(41, { content: 'newer' })] : [],
    hasMore: false,
  }));
  show(<MessengerLayout />);
});
afterEach(tearDownStage);

const searchBox = () => screen.getByRole('searchbox', { name: 'Search' });

describe('search', () => {
  it('groups contacts (here) and messages (the core), the matches highlighted', async () => {
    fake.answer('searchMessages', (): SearchResults => ({ hits: [hit], fromCache: false }));
    await userEvent.type(searchBox(), 'lu');
    const results = await screen.findByTestId('search-results');
    await expect.poll(() => within(results).queryAllByTestId('search-hit').length).toBe(1);
    // Under the window's h1 (level 2), as groups: the open chat's messages are the "Messages" region.
    expect(
      within(results)
        .getAllByRole('heading', { level: 2 })
        .map((h) => h.textContent),
    ).toEqual(['Contacts', 'Messages']);
    expect(within(results).getByRole('group', { name: 'Messages' })).toBeTruthy();
    expect(within(results).queryAllByRole('region')).toEqual([]);
    expect(within(results).getByRole('button', { name: /lucas/ })).toBeTruthy();
    const found = within(results).getByTestId('search-hit');
    expect(found.querySelector('mark')?.textContent).toBe('lunch');
    expect(found.textContent).toContain('carol');
    expect(fake.named('searchMessages').at(-1)).toEqual({ q: 'lu' });
    expect(screen.queryByText('Results from this computer')).toBeNull();
  });

  it('says when the results come from this computer', async () => {
    fake.answer('searchMessages', (): SearchResults => ({ hits: [hit], fromCache: true }));
    await userEvent.type(searchBox(), 'lunch');
    expect(await screen.findByText('Results from this computer')).toBeTruthy();
  });

  it('opens a message hit in its chat, loads the copies around it and highlights it', async () => {
    fake.answer('searchMessages', (): SearchResults => ({ hits: [hit], fromCache: false }));
    fake.answer('loadAround', ({ who, seq }) => {
      fake.emit('messages', { who, messages: [sent(seq, { id: 400, content: 'lunch at noon?' })] });
    });
    await userEvent.type(searchBox(), 'lunch');
    await userEvent.click(await screen.findByTestId('search-hit'));
    await expect.poll(() => fake.named('loadAround')).toEqual([{ who: 3, seq: 40 }]);
    await expect
      .poll(() => document.querySelector('.message-highlighted .message-text')?.textContent)
      .toBe('lunch at noon?');
    expect(screen.queryByTestId('search-results')).toBeNull();
  });

  it('searches the open chat only with Ctrl+F', async () => {
    fake.answer('searchMessages', (): SearchResults => ({ hits: [hit], fromCache: false }));
    await userEvent.click(screen.getByRole('button', { name: /carol/ }));
    await screen.findByRole('heading', { level: 2, name: 'carol' });
    screen.getByRole('textbox', { name: 'Message' }).focus();
    await userEvent.keyboard('{Control>}f{/Control}');
    const inChat = screen.getByRole('searchbox', { name: 'Search in this chat' });
    expect(document.activeElement).toBe(inChat);
    await userEvent.keyboard('noon');
    await expect.poll(() => fake.named('searchMessages').at(-1)).toEqual({ q: 'noon', who: 3 });
    // Inside the chat, under its name (level 2).
    expect(await screen.findByRole('heading', { level: 3, name: 'Messages' })).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('searchbox', { name: 'Search in this chat' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    await userEvent.keyboard('{Control>}f{/Control}');
    await userEvent.click(screen.getByRole('button', { name: 'Close search' }));
    expect(screen.queryByRole('searchbox', { name: 'Search in this chat' })).toBeNull();
  });
});

describe('the chat list', () => {
  it('puts pinned chats first with a pin mark, and gives muted chats a mark and a grey badge', async () => {
    act.chatsChanged([
      chat(2, 'bob', { updatedAt: 900, unread: 2 }),
      chat(3, 'carol', { updatedAt: 100, pinnedAt: 5 }),
      chat(4, 'dave', { updatedAt: 500, muted: true, unread: 4 }),
    ]);
    const rows = () => screen.getAllByTestId('chat-row');
    await expect
      .poll(() => rows().map((row) => row.querySelector('.chat-row-name')?.textContent))
      .toEqual(['carol', 'bob', 'dave']);
    expect(within(rows()[0]!).queryByTestId('pinned-mark')).toBeTruthy();
    expect(within(rows()[2]!).queryByTestId('muted-mark')).toBeTruthy();
    const badge = (row: HTMLElement) => within(row).getByTestId('unread-badge');
    expect(getComputedStyle(badge(rows()[2]!)).backgroundColor).not.toBe(
      getComputedStyle(badge(rows()[1]!)).backgroundColor,
    );
  });

  it('offers Pin, Mute and Mark as unread in the row menu, and sends them', async () => {
    act.chatsChanged([chat(2, 'bob', { pinnedAt: 5 }), chat(3, 'carol')]);
    await userEvent.click(screen.getByRole('button', { name: /bob/ }), { button: 'right' });
    expect(
      within(screen.getByRole('menu'))
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Mark as read', 'Mark as unread', 'Unpin', 'Mute', 'Delete chat']);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Unpin' }));
    await userEvent.click(screen.getByRole('button', { name: /carol/ }), { button: 'right' });
    await userEvent.click(screen.getByRole('menuitem', { name: 'Mute' }));
    await userEvent.click(screen.getByRole('button', { name: /carol/ }), { button: 'right' });
    await userEvent.click(screen.getByRole('menuitem', { name: 'Mark as unread' }));
    expect(fake.named('pinChat')).toEqual([{ who: 2, pinned: false }]);
    expect(fake.named('muteChat')).toEqual([{ who: 3, muted: true }]);
    expect(fake.named('markUnread')).toEqual([{ who: 3 }]);
  });

  it('shows another chat’s draft as "[Draft] text" with the mark in red', async () => {
    act.draftChanged(2, 'half a thought');
    const row = await screen.findByRole('button', { name: /bob/ });
    const mark = row.querySelector<HTMLElement>('.chat-row-draft');
    expect(mark?.textContent).toBe('[Draft]');
    expect(row.querySelector('.chat-row-preview')?.textContent).toContain('half a thought');
    expect(getComputedStyle(mark!).color).toBe('rgb(190, 25, 35)');
  });
});
