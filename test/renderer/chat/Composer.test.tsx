// Browser runtime (Vitest's Chromium). The composer under real key presses: what sends and
// what does not, the protocol's length limit, and a draft kept per chat.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { limits } from '../../../main/ipc/rules.js';
import { ChatPane } from '../../../renderer/chat/ChatPane.js';
import { Composer } from '../../../renderer/chat/Composer.js';
import { text } from '../../../renderer/i18n/strings.js';
import { openChat } from '../../../renderer/ipc/commands.js';
import * as act from '../../../renderer/store/actions.js';
import { unsent } from '../fixtures.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from './chat-stage.js';
import { composeAndPickWithEnter } from './input-method.js';

let fake: FakeApi;
const sends = () => fake.named('send');
const messageBox = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
const sendButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Send' });

beforeEach(() => {
  fake = setUpStage();
  let sent = 0;
  fake.answer('send', ({ content }) => unsent(`mine-${++sent}`, Date.now(), { content }));
  fake.answer('loadHistory', () => ({ messages: [], hasMore: false }));
});
afterEach(tearDownStage);

describe('Composer keys', () => {
  it('sends with Enter and empties the box', async () => {
    show(<Composer who={2} />);
    await userEvent.type(messageBox(), 'Lunch at noon?');
    await userEvent.keyboard('{Enter}');
    await expect.poll(sends).toEqual([{ to: 2, content: 'Lunch at noon?' }]);
    expect(messageBox().value).toBe('');
    expect(fake.named('typing')).toEqual([{ who: 2 }]);
  });

  it('starts a new line with Shift+Enter and sends both lines as one message', async () => {
    show(<Composer who={2} />);
    await userEvent.type(messageBox(), 'Perfect.');
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}');
    await userEvent.keyboard('See you at 12');
    expect(messageBox().value).toBe('Perfect.\nSee you at 12');
    // The Enter that sends is the barrier: had Shift+Enter sent, it would be a first message.
    await userEvent.keyboard('{Enter}');
    await expect.poll(sends).toEqual([{ to: 2, content: 'Perfect.\nSee you at 12' }]);
  });

  it('leaves Enter to the input method while it composes (e.g. pinyin)', async () => {
    show(<Composer who={2} />);
    messageBox().focus();
    await composeAndPickWithEnter('ni', '你');
    expect(messageBox().value).toMatch(/^你/);
    // Once composing is over, Enter sends: one message, holding what was composed.
    await userEvent.keyboard('{Enter}');
    await expect.poll(sends).toHaveLength(1);
    expect(sends()).toEqual([{ to: 2, content: expect.stringMatching(/^你/) }]);
  });

  it('sends nothing while the box is empty or only blank', async () => {
    show(<Composer who={2} />);
    messageBox().focus();
    await userEvent.keyboard('{Enter}');
    await userEvent.type(messageBox(), '   ');
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}');
    await userEvent.keyboard('{Enter}');
    expect(sendButton().disabled).toBe(true);
    await userEvent.click(sendButton(), { force: true });
    await userEvent.clear(messageBox());
    await userEvent.type(messageBox(), 'now for real');
    expect(sendButton().disabled).toBe(false);
    await userEvent.keyboard('{Enter}');
    await expect.poll(sends).toEqual([{ to: 2, content: 'now for real' }]);
  });
});

describe('Composer length limit', () => {
  const limit = limits.contentMaxCodePoints;

  it('shows what is left only near the limit, counting an emoji as one character', async () => {
    show(<Composer who={2} />);
    await userEvent.fill(messageBox(), 'x'.repeat(limit - 501));
    expect(screen.queryByText(/characters left/)).toBeNull();
    await userEvent.fill(messageBox(), '😀'.repeat(limit - 500));
    expect(screen.getByText(text('en', 'charactersLeft', { n: 500 }))).toBeTruthy();
  });

  it('shows how far over the limit the text is and blocks sending until it fits', async () => {
    show(<Composer who={2} />);
    await userEvent.fill(messageBox(), '😀'.repeat(limit + 1));
    expect(screen.getByText(text('en', 'charactersOver', { n: 1 }))).toBeTruthy();
    expect(messageBox().getAttribute('aria-invalid')).toBe('true');
    expect(sendButton().disabled).toBe(true);
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Backspace}');
    expect(screen.getByText(text('en', 'charactersLeft', { n: 0 }))).toBeTruthy();
    // Only what fits is ever sent: the one message is exactly at the limit.
    await userEvent.keyboard('{Enter}');
    await expect.poll(sends).toHaveLength(1);
    expect(sends()).toEqual([{ to: 2, content: '😀'.repeat(limit) }]);
  });
});

describe('Composer drafts', () => {
  it('keeps unsent text per chat while the user moves between chats', async () => {
    show(<ChatPane />);
    await openChat(2, 'Bob');
    await userEvent.type(messageBox(), 'for Bob');
    await openChat(3, 'Carol');
    await expect.poll(() => messageBox().value).toBe('');
    await userEvent.type(messageBox(), 'for Carol');
    await openChat(2, 'Bob');
    await expect.poll(() => messageBox().value).toBe('for Bob');
    await openChat(3, 'Carol');
    await expect.poll(() => messageBox().value).toBe('for Carol');
    expect(sends()).toEqual([]);
  });

  it('cannot send once the session has ended, and says why', async () => {
    show(<Composer who={2} />);
    await userEvent.type(messageBox(), 'hello?');
    act.connectionChanged('unauthorized');
    await expect.poll(() => messageBox().disabled).toBe(true);
    expect(screen.getByText(text('en', 'composerUnauthorized'))).toBeTruthy();
    expect(sendButton().disabled).toBe(true);
  });
});
