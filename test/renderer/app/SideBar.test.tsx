// Browser runtime (Vitest's Chromium). The Chats button says how much is unread in its name, as
// the drawn badge (hidden from screen readers) shows it: muted chats left out, in either language.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../main/ipc/contract.js';
import { SideBar } from '../../../renderer/app/SideBar.js';
import * as act from '../../../renderer/store/actions.js';
import { chat } from '../fixtures.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';

beforeEach(() => {
  setUpStage();
});
afterEach(tearDownStage);

describe('the Chats button', () => {
  it('is "Chats" with nothing unread, and counts unread chats that are not muted', async () => {
    show(<SideBar />);
    expect(screen.getByRole('button', { name: 'Chats' })).toBeTruthy();
    act.chatsChanged([
      chat(2, 'bob', { unread: 2 }),
      chat(3, 'carol', { unread: 1 }),
      chat(4, 'dave', { unread: 5, muted: true }),
    ]);
    expect(await screen.findByRole('button', { name: 'Chats, 3 unread' })).toBeTruthy();
  });

  it('counts in 中文 too', () => {
    act.settingsChanged({ ...defaultSettings, language: 'zh' });
    act.chatsChanged([chat(2, 'bob', { unread: 120 })]);
    show(<SideBar />);
    expect(screen.getByRole('button', { name: '聊天，120 条未读' })).toBeTruthy();
  });
});
