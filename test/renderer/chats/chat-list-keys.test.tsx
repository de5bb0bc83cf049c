// Browser runtime (Vitest's Chromium). The keyboard in the signed-in layout: focus lands in
// the app when it appears, the chat list and the contact list are one Tab stop each (roving
// tabindex) with the arrows moving inside, the layout has an h1, and the chat menu sits in
// the list's landmark.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { MessengerLayout } from '../../../renderer/app/MessengerLayout.js';
import * as act from '../../../renderer/store/actions.js';
import '../../../renderer/styles/layout.css';
import { chat, user } from '../fixtures.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';

const total = 200;
const name = (n: number) => `friend ${String(n).padStart(3, '0')}`;
/** Newest first: friend 001 is the top row. */
const chats = Array.from({ length: total }, (_, i) => chat(i + 2, name(i + 1), { updatedAt: 10_000 - i }));

let fake: FakeApi;
beforeEach(() => {
  fake = setUpStage();
  fake.answer('loadHistory', () => ({ messages: [], hasMore: false }));
  fake.answer('listUsers', () => [user(1, 'alice'), user(2, 'bob'), user(3, 'carol'), user(4, 'dave')]);
});
afterEach(tearDownStage);

const list = () => screen.getByRole('list', { name: 'Chats' });
const rowButtons = () => within(list()).getAllByRole('button');
const row = (n: number) => within(list()).getByRole('button', { name: new RegExp(`^${name(n)}`) });
const tabStops = () => rowButtons().filter((button) => button.tabIndex === 0);
/** The name on the focused chat row; null when focus is not on a row. */
function focusedName(): string | null {
  const focused = document.activeElement;
  return focused?.matches('button.chat-row') ? (focused.querySelector('.chat-row-name')?.textContent ?? null) : null;
}
const searchBox = () => screen.getByRole('searchbox', { name: 'Search' });

/** The layout in a window-sized box, as the app has it: the lists scroll inside it. */
function showLayout(): void {
  show(
    <div style={{ height: 600 }}>
      <MessengerLayout />
    </div>,
  );
}

async function showWithChats(): Promise<void> {
  act.chatsChanged(chats);
  showLayout();
  await expect.poll(focusedName).toBe(name(1));
}

describe('focus when the messenger appears', () => {
  it('lands on the chat list’s current row, not on the body', async () => {
    await showWithChats();
    expect(document.activeElement).toBe(row(1));
  });

  it('lands on the search box while there are no chats', async () => {
    showLayout();
    await expect.poll(() => document.activeElement).toBe(searchBox());
  });

  it('lands in the open chat’s message box, with the Tab stop of the list on its row', async () => {
    act.chatsChanged(chats);
    act.chatShown({ who: chats[149]!.who, name: name(150) });
    showLayout();
    await expect.poll(() => document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    await expect.poll(tabStops).toEqual([row(150)]);
  });
});

describe('the chat list is one Tab stop', () => {
  it('has exactly one row in the tab order, and Tab leaves the list', async () => {
    await showWithChats();
    expect(rowButtons().length).toBeGreaterThan(5);
    expect(tabStops()).toEqual([row(1)]);
    await userEvent.tab();
    expect(list().contains(document.activeElement)).toBe(false);
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(row(1));
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(searchBox());
  });

  it('moves focus and the Tab stop with ↑/↓, PageUp/PageDown, Home/End', async () => {
    await showWithChats();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await expect.poll(focusedName).toBe(name(3));
    expect(tabStops()).toEqual([row(3)]);
    await userEvent.keyboard('{ArrowUp}');
    await expect.poll(focusedName).toBe(name(2));

    // A page is the rows in view less one: the list is taller than two rows, shorter than all.
    await userEvent.keyboard('{PageDown}');
    await expect.poll(focusedName).not.toBe(name(2));
    const paged = Number(/\d+/.exec(focusedName()!)![0]);
    expect(paged).toBeGreaterThan(3);
    expect(paged).toBeLessThan(30);
    await userEvent.keyboard('{PageUp}');
    await expect.poll(focusedName).toBe(name(2));

    await userEvent.keyboard('{End}');
    await expect.poll(focusedName).toBe(name(total));
    expect(tabStops()).toEqual([row(total)]);
    expect(within(list()).queryByRole('button', { name: new RegExp(`^${name(1)}`) })).toBeNull();
    await userEvent.keyboard('{Home}');
    await expect.poll(focusedName).toBe(name(1));
  });

  it('keeps the Tab stop in the page when the list scrolls away from it', async () => {
    await showWithChats();
    await userEvent.keyboard('{ArrowDown}');
    await expect.poll(focusedName).toBe(name(2));
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(searchBox());
    const scroller = list().parentElement!;
    scroller.scrollTop = scroller.scrollHeight;
    await expect.poll(() => rowButtons().some((button) => button.textContent?.includes(name(total)))).toBe(true);
    expect(tabStops()).toEqual([row(2)]);
    await userEvent.tab();
    expect(document.activeElement).toBe(row(2));
  });

  it('opens the focused chat with Enter, and the Tab stop follows a chat opened elsewhere', async () => {
    await showWithChats();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect.poll(() => screen.queryByRole('heading', { level: 2, name: name(2) })).not.toBeNull();
    expect(fake.named('openChat')).toEqual([expect.objectContaining({ who: chats[1]!.who })]);

    act.chatShown({ who: chats[9]!.who, name: name(10) });
    await expect.poll(tabStops).toEqual([row(10)]);
  });

  it('goes from the search box down into the list with ↓, to the row it left', async () => {
    await showWithChats();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedName()).toBe(name(3));
    searchBox().focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(focusedName()).toBe(name(3));
  });
});

describe('the layout’s landmarks', () => {
  it('has one h1, and the chat menu opened from the keyboard is in the list’s landmark', async () => {
    await showWithChats();
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Messenger']);
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    const menu = await screen.findByRole('menu', { name: /friend 001/ });
    expect(menu.closest('aside')).toBe(screen.getByRole('complementary', { name: 'Chats' }));
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Mark as read' }));
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => document.activeElement).toBe(row(1));
  });
});

describe('the contact list is one Tab stop', () => {
  it('has one person in the tab order, and the arrows move between people', async () => {
    act.sectionShown('contacts');
    showLayout();
    const people = screen.getByRole('list', { name: 'Contacts' });
    await expect.poll(() => within(people).queryAllByRole('button').length).toBe(3);
    const buttons = () => within(people).getAllByRole('button');
    expect(buttons().filter((button) => button.tabIndex === 0)).toEqual([buttons()[0]]);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Search contacts' }));

    await userEvent.tab();
    expect(document.activeElement).toBe(buttons()[0]);
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(buttons()[1]);
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(buttons()[2]);
    expect(buttons().filter((button) => button.tabIndex === 0)).toEqual([buttons()[2]]);
    await userEvent.keyboard('{Home}');
    expect(document.activeElement).toBe(buttons()[0]);
  });
});
