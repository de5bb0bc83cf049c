// Browser runtime (Vitest's Chromium). The polite announcer as a screen reader meets it: one
// live region in the page from the start, a new line per announcement, bursts said once.
import { act as flushReact, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Chat } from '../../../main/ipc/contract.js';
import { Announcer } from '../../../renderer/a11y/Announcer.js';
import { announcerCleared } from '../../../renderer/a11y/announcer-store.js';
import { burstMs, watchAnnouncements } from '../../../renderer/a11y/watch.js';
import * as act from '../../../renderer/store/actions.js';
import { appStore } from '../../../renderer/store/store.js';
import { chat, copy, me, sent } from '../fixtures.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';
import { ManualClock } from './manual-clock.js';

let fake: FakeApi;
let clock: ManualClock;
let stop = () => {};

const region = () => screen.getByTestId('announcer');
const said = () => [...region().children].map((line) => line.textContent);
const isolated = (name: string) => `\u2068${name}\u2069`;

/** Bob's chat with `unread` unread, its last message `seq` saying `content`. */
const bob = (unread: number, seq: number, content = `message ${seq}`, fields: Partial<Chat> = {}) =>
  chat(2, 'bob', { unread, lastSeq: seq, last: copy(seq, { content }), ...fields });

function advance(ms: number): void {
  flushReact(() => clock.advance(ms));
}

beforeEach(() => {
  fake = setUpStage();
  announcerCleared();
  // The fixtures' messages are dated from here on: all after the window began listening.
  clock = new ManualClock(copy(1).date - 1);
  stop = watchAnnouncements(appStore, clock);
  show(<Announcer />);
});
afterEach(() => {
  stop();
  tearDownStage();
});

describe('the announcer, for chats that are not open', () => {
  it('is a polite live region that is in the page before anything is said', () => {
    expect(region().getAttribute('aria-live')).toBe('polite');
    expect(region().getAttribute('aria-relevant')).toBe('additions');
    expect(said()).toEqual([]);
  });

  it('says who wrote and what, a burst after the first message', () => {
    flushReact(() => fake.emit('chats', [bob(1, 1, 'Lunch?')]));
    expect(said()).toEqual([]);
    advance(burstMs);
    expect(said()).toEqual([`New message from ${isolated('bob')}: ${isolated('Lunch?')}`]);
  });

  it('says a burst of messages once, with how many', () => {
    flushReact(() => fake.emit('chats', [bob(1, 1)]));
    advance(300);
    flushReact(() => fake.emit('chats', [bob(2, 2)]));
    advance(300);
    flushReact(() => fake.emit('chats', [bob(3, 3)]));
    advance(burstMs);
    expect(said()).toEqual([`3 new messages from ${isolated('bob')}`]);
    // The next message is a new burst, heard again although the words are the same as before.
    flushReact(() => fake.emit('chats', [bob(4, 4, 'hi')]));
    flushReact(() => fake.emit('chats', [bob(5, 5, 'hi')]));
    advance(burstMs);
    expect(said()).toEqual([`3 new messages from ${isolated('bob')}`, `2 new messages from ${isolated('bob')}`]);
  });

  it('leaves the words out while notifications hide message content', () => {
    act.settingsChanged({ ...defaultSettings, hideContent: true });
    flushReact(() => fake.emit('chats', [bob(1, 1, 'my PIN is 1234')]));
    advance(burstMs);
    expect(said()).toEqual([`New message from ${isolated('bob')}`]);
    expect(region().textContent).not.toContain('1234');
  });

  it('speaks 中文 when the app does', () => {
    act.settingsChanged({ ...defaultSettings, language: 'zh' });
    flushReact(() => fake.emit('chats', [bob(1, 1, '吃饭了吗')]));
    advance(burstMs);
    expect(said()).toEqual([`来自 ${isolated('bob')} 的新消息：${isolated('吃饭了吗')}`]);
  });

  it('says nothing of muted chats, or of a chat read before the burst ended', () => {
    flushReact(() => fake.emit('chats', [bob(1, 1, 'x', { muted: true })]));
    advance(burstMs);
    flushReact(() => fake.emit('chats', [bob(1, 2)]));
    flushReact(() => fake.emit('chats', [bob(0, 2)]));
    advance(burstMs);
    expect(said()).toEqual([]);
  });
});

describe('the announcer, for the open chat', () => {
  beforeEach(() => {
    act.chatShown({ who: 2, name: 'bob' });
    act.historyLoaded(2, { messages: [sent(1), sent(2)], hasMore: false }, 'newest');
  });

  it('never says the user’s own sends, nor "New message" for the chat they are reading', () => {
    flushReact(() => {
      fake.emit('messages', { who: 2, messages: [sent(3, { user: me.id, name: me.name, content: 'mine' })] });
      fake.emit('chats', [bob(1, 4, 'read here')]);
    });
    advance(burstMs);
    expect(said()).toEqual([]);
  });

  it('reads the peer’s new messages as the chat shows them, and counts a long burst', () => {
    flushReact(() => fake.emit('messages', { who: 2, messages: [sent(3, { content: 'are you there?' })] }));
    advance(burstMs);
    expect(said()).toEqual([`${isolated('bob')}: ${isolated('are you there?')}`]);
    flushReact(() => fake.emit('messages', { who: 2, messages: [4, 5, 6, 7].map((seq) => sent(seq)) }));
    advance(burstMs);
    expect(said().at(-1)).toBe(`4 new messages from ${isolated('bob')}`);
  });

  it('says "typing" once while the peer goes on typing', () => {
    flushReact(() => {
      fake.emit('typing', { from: 2 });
      fake.emit('typing', { from: 2 });
      fake.emit('typing', { from: 2 });
    });
    expect(said()).toEqual([`${isolated('bob')} is typing…`]);
  });
});
