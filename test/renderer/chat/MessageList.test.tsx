// Browser runtime (Vitest's Chromium, real layout). The message list keeps the reader's place:
// at the bottom it follows new messages, scrolled up it stays put, and at the top it loads the
// older page once and keeps in view what the reader was looking at.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ChatMessage, HistoryPage } from '../../../main/ipc/contract.js';
import { MessageList } from '../../../renderer/chat/MessageList.js';
import { openChat } from '../../../renderer/ipc/commands.js';
import { me, sent } from '../fixtures.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from './chat-stage.js';
import { messageShown, scrolledTo, settledView, whollyInView } from './view.js';

const long =
  'A longer message that wraps over a few lines in the bubble, so that rows are not all the same height. '.repeat(3);

const dayBefore = -24 * 60 * 60 * 1000;

/** Messages `from`..`to` of a chat with Bob: every third is the user's, every fifth is long. */
function messages(from: number, to: number, shift = 0): ChatMessage[] {
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const seq = from + i;
    const own = seq % 3 === 0;
    return sent(seq, {
      user: own ? me.id : 2,
      name: own ? me.name : 'bob',
      content: seq % 5 === 0 ? `${seq}: ${long}` : `message ${seq}`,
      date: sent(seq).date + shift,
    });
  });
}

let fake: FakeApi;
const log = () => screen.getByRole('region', { name: 'Messages' });
const newMessagesButton = () => screen.queryByRole('button', { name: /New messages/ });

/** Opens the chat with Bob as the app does, and waits until it shows its newest message. */
async function openAtNewest(newest: HistoryPage, older?: () => Promise<HistoryPage>): Promise<HTMLElement> {
  fake.answer('loadHistory', (input) => (input.beforeSeq === undefined ? newest : (older?.() as never)));
  show(
    <div className="chat" style={{ height: 480, width: 640 }}>
      <MessageList who={2} peerName="Bob" />
    </div>,
  );
  await openChat(2, 'Bob');
  const last = newest.messages.at(-1)!.content;
  await expect.poll(() => whollyInView(messageShown(last), log())).toBe(true);
  await settledView(log());
  return log();
}

beforeEach(() => {
  fake = setUpStage();
});
afterEach(tearDownStage);

describe('MessageList following the newest message', () => {
  it('at the bottom, keeps a new message wholly in view', async () => {
    const scroller = await openAtNewest({ messages: messages(1, 60), hasMore: false });
    fake.emit('messages', { who: 2, messages: [sent(61, { content: `61: ${long}` })] });
    await expect.poll(() => whollyInView(messageShown(`61: ${long}`), scroller)).toBe(true);
    expect(newMessagesButton()).toBeNull();
  });

  it('scrolled up, leaves what the reader sees where it is and offers the new message', async () => {
    const scroller = await openAtNewest({ messages: messages(1, 60), hasMore: false });
    await scrolledTo(scroller, scroller.scrollTop - 700);
    const before = await settledView(scroller);
    fake.emit('messages', { who: 2, messages: [sent(61, { content: 'are you there?' })] });
    await expect.poll(newMessagesButton).not.toBeNull();
    // The barrier: the list settles after the new row, so a follow would have moved it by now.
    expect(await settledView(scroller)).toEqual(before);
    await userEvent.click(newMessagesButton()!);
    await expect.poll(() => whollyInView(messageShown('are you there?'), scroller)).toBe(true);
  });
});

describe('MessageList loading older messages', () => {
  it('asks once for the older page at the top, and keeps the reader’s place when it arrives', async () => {
    // The older page ends the day before, so the day separator above message 101 stays where it is.
    let deliver = (_page: HistoryPage) => {};
    const older = () => new Promise<HistoryPage>((resolve) => (deliver = resolve));
    const scroller = await openAtNewest({ messages: messages(101, 150), hasMore: true }, older);
    expect(fake.named('loadHistory')).toEqual([{ who: 2, limit: 50 }]);

    await scrolledTo(scroller, 0);
    expect(fake.named('loadHistory')).toEqual([
      { who: 2, limit: 50 },
      { who: 2, beforeSeq: 101, limit: 100 },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Loading earlier messages…');
    // More scrolling at the top while the page is on its way asks for nothing more.
    await scrolledTo(scroller, 30);
    await scrolledTo(scroller, 0);
    expect(fake.named('loadHistory')).toHaveLength(2);

    const before = await settledView(scroller);
    expect(before.text).toBe('message 101');
    deliver({ messages: messages(1, 100, dayBefore), hasMore: true });
    await expect.poll(() => screen.queryByRole('status')).toBeNull();
    expect(await settledView(scroller)).toEqual(before);
    expect(scroller.scrollTop).toBeGreaterThan(1000);
    // Settled means the scrolls of re-anchoring were handled too: none of them asked again.
    expect(fake.named('loadHistory')).toHaveLength(2);
  });
});
