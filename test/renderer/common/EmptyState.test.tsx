// Browser runtime (Vitest's Chromium). Empty places say what to do next: no chats yet (a button
// to Contacts), no chat open, nobody else on the server, a search that found nothing (a button
// that clears it); each with a picture drawn in the theme's colour; in English and 中文.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../main/ipc/contract.js';
import { ChatPane } from '../../../renderer/chat/ChatPane.js';
import { ChatList } from '../../../renderer/chats/ChatList.js';
import { ContactList } from '../../../renderer/contacts/ContactList.js';
import * as act from '../../../renderer/store/actions.js';
import { appStore } from '../../../renderer/store/store.js';
import { me, user } from '../fixtures.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';

let fake: FakeApi;
const emptyState = () => screen.getByTestId('empty-state');

beforeEach(() => {
  fake = setUpStage();
});
afterEach(tearDownStage);

describe('empty states', () => {
  it('with no chats yet, shows a picture and a button that opens Contacts', async () => {
    show(<ChatList />);
    expect(emptyState().textContent).toContain('No chats yet — pick someone in Contacts to start');
    expect(emptyState().querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    // The picture is drawn in the text's colour, so it follows the theme.
    expect(getComputedStyle(emptyState().querySelector('svg')!).stroke).toBe(getComputedStyle(emptyState()).color);
    await userEvent.click(screen.getByRole('button', { name: 'Open Contacts' }));
    expect(appStore.getState().ui.section).toBe('contacts');
  });

  it('with no chat open, says where to pick one', () => {
    show(<ChatPane />);
    expect(screen.getByRole('main', { name: 'Messages' }).textContent).toBe(
      'Pick a chat on the left, or start one from Contacts.',
    );
    expect(emptyState().dataset.picture).toBe('conversation');
  });

  it('with nobody else on the server, says so', async () => {
    fake.answer('listUsers', () => [user(me.id, me.name, true)]);
    show(<ContactList />);
    await expect.poll(() => screen.queryByTestId('empty-state')?.dataset.picture).toBe('contacts');
    expect(emptyState().textContent).toContain('No one else has an account on this server yet.');
  });

  it('when a contact search finds nothing, offers to clear it', async () => {
    fake.answer('listUsers', () => [user(me.id, me.name, true), user(2, 'bob')]);
    show(<ContactList />);
    await screen.findByRole('button', { name: /bob/ });
    await userEvent.type(screen.getByRole('textbox', { name: 'Search contacts' }), 'zed');
    expect(emptyState().dataset.picture).toBe('search');
    await userEvent.click(screen.getByRole('button', { name: 'Clear the search' }));
    expect(screen.queryByTestId('empty-state')).toBeNull();
    expect(screen.getByRole('button', { name: /bob/ })).toBeTruthy();
  });

  it('speaks Chinese when the UI does', async () => {
    act.settingsChanged({ ...defaultSettings, language: 'zh' });
    show(<ChatList />);
    expect(emptyState().textContent).toContain('还没有聊天');
    await userEvent.click(screen.getByRole('button', { name: '打开通讯录' }));
    expect(appStore.getState().ui.section).toBe('contacts');
  });
});
