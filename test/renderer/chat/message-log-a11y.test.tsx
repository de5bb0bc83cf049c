// Browser runtime (Vitest's Chromium, real layout). The open chat as a screen reader hears it:
// scrolling mounts old rows, which must not be read as news; a new message is said once; each
// message's text starts with who wrote it and when.
import { act as flushReact, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../main/ipc/contract.js';
import { Announcer } from '../../../renderer/a11y/Announcer.js';
import { announcerCleared } from '../../../renderer/a11y/announcer-store.js';
import { burstMs, watchAnnouncements } from '../../../renderer/a11y/watch.js';
import { MessageList } from '../../../renderer/chat/MessageList.js';
import { openChat } from '../../../renderer/ipc/commands.js';
import { appStore } from '../../../renderer/store/store.js';
import { me, sent } from '../fixtures.js';
import { ManualClock } from '../a11y/manual-clock.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from './chat-stage.js';
import { messageShown, scrolledTo, settledView, whollyInView } from './view.js';

const liveRegion = '[aria-live]:not([aria-live="off"]), [role="log"], [role="status"], [role="alert"]';

function messages(from: number, to: number): ChatMessage[] {
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const seq = from + i;
    const own = seq % 3 === 0;
    return sent(seq, { user: own ? me.id : 2, name: own ? me.name : 'bob' });
  });
}

let fake: FakeApi;
let clock: ManualClock;
let stop = () => {};
const said = () => [...screen.getByTestId('announcer').children].map((line) => line.textContent);
const scroller = () => screen.getByRole('region', { name: 'Messages' });

beforeEach(async () => {
  fake = setUpStage();
  announcerCleared();
  clock = new ManualClock(sent(1).date - 1);
  stop = watchAnnouncements(appStore, clock);
  fake.answer('loadHistory', () => ({ messages: messages(1, 80), hasMore: false }));
  show(
    <>
      <div className="chat" style={{ height: 480, width: 640 }}>
        <MessageList who={2} peerName="bob" />
      </div>
      <Announcer />
    </>,
  );
  await openChat(2, 'bob');
  await expect.poll(() => whollyInView(messageShown('message 80'), scroller())).toBe(true);
  await settledView(scroller());
});
afterEach(() => {
  stop();
  tearDownStage();
});

describe('the open chat for screen readers', () => {
  it('is no live region, so rows mounted by scrolling back are not read as new', async () => {
    expect(messageShown('message 1')).toBeNull();
    await scrolledTo(scroller(), 0);
    await expect.poll(() => messageShown('message 1')).not.toBeNull();
    expect(messageShown('message 1')!.closest(liveRegion)).toBeNull();
    expect(scroller().closest(liveRegion)).toBeNull();
    flushReact(() => clock.advance(burstMs));
    expect(said()).toEqual([]);
  });

  it('says the peer’s new message once, through the announcer', async () => {
    await scrolledTo(scroller(), 0);
    flushReact(() => fake.emit('messages', { who: 2, messages: [sent(81, { content: 'are you there?' })] }));
    flushReact(() => clock.advance(burstMs));
    expect(said()).toEqual(['\u2068bob\u2069: \u2068are you there?\u2069']);
    flushReact(() =>
      fake.emit('messages', { who: 2, messages: [sent(81, { content: 'are you there?', editedAt: 1 })] }),
    );
    flushReact(() => clock.advance(burstMs));
    expect(said()).toHaveLength(1);
  });

  it('starts each message with its sender and time, and names it by them and its text', () => {
    const message = messageShown('message 80')!;
    const head = message.firstElementChild!;
    expect(head.className).toBe('visually-hidden');
    expect(head.textContent).toMatch(/^\u2068bob\u2069, .*\d{1,2}:\d{2}.*:$/);
    const name = message
      .getAttribute('aria-labelledby')!
      .split(' ')
      .map((id) => document.getElementById(id)!.textContent)
      .join(' ');
    expect(name).toBe(`${head.textContent} message 80`);
    expect(messageShown('message 78')!.firstElementChild!.textContent).toMatch(/^\u2068You\u2069, /);
  });
});
