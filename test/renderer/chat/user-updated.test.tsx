// Browser runtime (Vitest's Chromium). The core's `userUpdated` event reaching the open chat:
// a rename shows at once in the header and on the peer's messages, and a deleted account reads
// "Deleted user" in the user's language.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../main/ipc/contract.js';
import { ChatPane } from '../../../renderer/chat/ChatPane.js';
import * as act from '../../../renderer/store/actions.js';
import { sent } from '../fixtures.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from './chat-stage.js';

let fake: FakeApi;
beforeEach(() => {
  fake = setUpStage();
  act.chatShown({ who: 2, name: 'bob' });
  const page = { messages: [sent(1, { content: 'hi from bob' })], hasMore: false };
  fake.answer('loadHistory', () => page);
  act.historyLoaded(2, page, 'newest');
});
afterEach(tearDownStage);

const heading = () => screen.getByRole('heading', { level: 2 }).textContent;
/** The name a screen reader hears first in the message ("Robert, 14:05:"), without its isolation marks. */
const sender = async () =>
  /^\u2068(.*?)\u2069/u.exec((await screen.findByTestId('message')).firstElementChild?.textContent ?? '')?.[1];

describe('a peer renamed or deleted, in the open chat', () => {
  it('shows the new name in the header and on their messages', async () => {
    show(
      <div style={{ display: 'grid', height: 480, width: 640 }}>
        <ChatPane />
      </div>,
    );
    expect(heading()).toBe('bob');
    fake.emit('userUpdated', { id: 2, name: 'Robert' });
    await expect.poll(heading).toBe('Robert');
    expect(await sender()).toBe('Robert');
  });

  it('reads "Deleted user" in the chosen language', async () => {
    act.settingsChanged({ ...defaultSettings, language: 'zh' });
    show(
      <div style={{ display: 'grid', height: 480, width: 640 }}>
        <ChatPane />
      </div>,
    );
    fake.emit('userUpdated', { id: 2, name: 'Deleted user', deleted: true });
    await expect.poll(heading).toBe('已注销用户');
    expect(await sender()).toBe('已注销用户');
    expect(screen.getByText('hi from bob')).toBeTruthy();
  });
});
