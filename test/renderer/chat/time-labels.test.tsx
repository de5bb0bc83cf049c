// Browser runtime (Vitest's Chromium, real layout). The chat's time labels ride on the
// virtualised rows: one before the first message and one where 5 minutes pass, written as the
// UI language writes them (24 hours in 中文), and the list still opens at the newest message.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../main/ipc/contract.js';
import { MessageList } from '../../../renderer/chat/MessageList.js';
import { openChat } from '../../../renderer/ipc/commands.js';
import * as act from '../../../renderer/store/actions.js';
import { sent } from '../fixtures.js';
import { setUpStage, show, tearDownStage } from './chat-stage.js';
import { messageShown, scrolledTo, whollyInView } from './view.js';
import type { FakeApi } from '../ipc/fake-api.js';

let fake: FakeApi;
beforeEach(() => {
  fake = setUpStage();
});
afterEach(tearDownStage);

// Today, so the labels carry no day: 09:00, 09:04:59 (no label), 09:09:59 (a label), 40 more
// from 10:00, the last at 11:00.
const today = new Date();
const at = (hour: number, minute = 0, second = 0) =>
  new Date(today.getFullYear(), today.getMonth(), today.getDate(), hour, minute, second).getTime();

describe('time labels in the chat', () => {
  it('label the first message and each 5-minute gap, in the chosen language', async () => {
    act.settingsChanged({ ...defaultSettings, language: 'zh' });
    const messages = [
      sent(1, { date: at(9), content: 'first' }),
      sent(2, { date: at(9, 4, 59), content: 'second' }),
      sent(3, { date: at(9, 9, 59), content: 'third' }),
      ...Array.from({ length: 40 }, (_, i) => sent(4 + i, { date: at(10, 0, i), content: `later ${i}` })),
      sent(44, { date: at(11, 0), content: 'last' }),
    ];
    fake.answer('loadHistory', () => ({ messages, hasMore: false }));
    show(
      <div className="chat" style={{ height: 480, width: 640 }}>
        <MessageList who={2} peerName="Bob" />
      </div>,
    );
    await openChat(2, 'Bob');
    const log = screen.getByRole('region', { name: '消息' });
    // Opens at the newest message, labels and all.
    await expect.poll(() => whollyInView(messageShown('last'), log)).toBe(true);
    const shown = () => [...log.querySelectorAll('.time-label time')].map((label) => label.textContent);
    expect(shown().at(-1)).toBe('11:00');
    await scrolledTo(log, 0);
    await expect.poll(() => shown().slice(0, 3)).toEqual(['09:00', '09:09', '10:00']);
  });
});
