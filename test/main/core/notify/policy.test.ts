// The notification policy's decisions, as tables: who gets told what, and what the tray says.
import { describe, expect, it } from 'vitest';
import type { Chat, Message } from '../../../../protocol/contract.js';
import { defaultSettings } from '../../../../main/ipc/contract.js';
import {
  attention,
  doNotDisturbOn,
  notificationFor,
  tooltip,
  unreadTotal,
  type AttentionState,
} from '../../../../main/core/notify/policy.js';

const me = 1;
const bob = 2;
const carol = 3;

function chatWith(who: number, name: string, unread = 0): Chat {
  return { id: who * 10, user: me, who, name, unread, updatedAt: 1_000, lastSeq: 1, last: null };
}

function message(from: number, name: string, content: string): Message {
  return { id: 1, clientId: 'c1', user: from, name, date: 1_000, content, seq: 1 };
}

const bobChat = chatWith(bob, 'Bob');
const carolChat = chatWith(carol, 'Carol');

function state(
  changes: Partial<AttentionState> & { hideContent?: boolean; doNotDisturb?: boolean } = {},
): AttentionState {
  const { hideContent = false, doNotDisturb = false, ...rest } = changes;
  return {
    me,
    chats: [bobChat, carolChat],
    viewing: null,
    windowFocused: true,
    settings: { ...defaultSettings, hideContent, doNotDisturb },
    now: 1_000,
    ...rest,
  };
}

const long = 'a'.repeat(150);
const emoji = '👍'.repeat(120);
/** Man, woman, girl joined by ZWJs: five code points, one character on screen. */
const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';

describe('notificationFor', () => {
  it.each([
    {
      case: "the user's own message, sent from this device",
      state: state(),
      incoming: { chat: bobChat, message: message(me, 'Me', 'hello') },
      expected: null,
    },
    {
      case: "the user's own message, sent from another device while the window is unfocused",
      state: state({ windowFocused: false }),
      incoming: { chat: bobChat, message: message(me, 'Me', 'from my phone') },
      expected: null,
    },
    {
      case: "the user's own message while the signed-in id is not known (it is not from the chat's peer)",
      state: state({ me: null, windowFocused: false }),
      incoming: { chat: bobChat, message: message(me, 'Me', 'hello') },
      expected: null,
    },
    {
      case: 'a message in the chat being viewed in a focused window',
      state: state({ viewing: bob, windowFocused: true }),
      incoming: { chat: bobChat, message: message(bob, 'Bob', 'hi') },
      expected: null,
    },
    {
      case: 'a message in the chat being viewed while the window is unfocused or hidden',
      state: state({ viewing: bob, windowFocused: false }),
      incoming: { chat: bobChat, message: message(bob, 'Bob', 'hi') },
      expected: { who: bob, title: 'Bob', body: 'hi' },
    },
    {
      case: 'a message in another chat while the window is focused',
      state: state({ viewing: carol, windowFocused: true }),
      incoming: { chat: bobChat, message: message(bob, 'Bob', 'are you there?') },
      expected: { who: bob, title: 'Bob', body: 'are you there?' },
    },
    {
      case: 'a message while no chat is open',
      state: state(),
      incoming: { chat: carolChat, message: message(carol, 'Carol', 'ping') },
      expected: { who: carol, title: 'Carol', body: 'ping' },
    },
    {
      case: 'do not disturb',
      state: state({ doNotDisturb: true, windowFocused: false }),
      incoming: { chat: bobChat, message: message(bob, 'Bob', 'hi') },
      expected: null,
    },
    {
      case: 'hidden content shows only the sender and "New message"',
      state: state({ hideContent: true }),
      incoming: { chat: bobChat, message: message(bob, 'Bob', 'my PIN is 1234') },
      expected: { who: bob, title: 'Bob', body: 'New message' },
    },
    {
      case: 'long content is cut to 100 code points with an ellipsis',
      state: state(),
      incoming: { chat: bobChat, message: message(bob, 'Bob', long) },
      expected: { who: bob, title: 'Bob', body: `${'a'.repeat(100)}…` },
    },
    {
      case: 'emoji count as one code point each and are never split',
      state: state(),
      incoming: { chat: bobChat, message: message(bob, 'Bob', emoji) },
      expected: { who: bob, title: 'Bob', body: `${'👍'.repeat(100)}…` },
    },
    {
      case: 'an emoji sequence that would cross the limit is left out whole',
      state: state(),
      incoming: { chat: bobChat, message: message(bob, 'Bob', `${'a'.repeat(97)}${family} and more`) },
      expected: { who: bob, title: 'Bob', body: `${'a'.repeat(97)}…` },
    },
    {
      case: 'content of exactly 100 code points is shown whole',
      state: state(),
      incoming: { chat: bobChat, message: message(bob, 'Bob', 'b'.repeat(100)) },
      expected: { who: bob, title: 'Bob', body: 'b'.repeat(100) },
    },
    {
      case: 'multi-line content becomes one line',
      state: state(),
      incoming: { chat: bobChat, message: message(bob, 'Bob', '  first line\n\nsecond\tline\r\n ') },
      expected: { who: bob, title: 'Bob', body: 'first line second line' },
    },
    {
      case: 'the title is the name on the message, which is the sender',
      state: state(),
      incoming: { chat: { ...bobChat, name: 'Bob (old name)' }, message: message(bob, 'Bobby', 'hey') },
      expected: { who: bob, title: 'Bobby', body: 'hey' },
    },
  ])('$case', ({ state: current, incoming, expected }) => {
    expect(notificationFor(current, incoming)).toEqual(expected);
  });

  it('never reveals content in the title or body when content is hidden', () => {
    const secret = 'the launch code is 0000';
    const notification = notificationFor(state({ hideContent: true }), {
      chat: bobChat,
      message: message(bob, 'Bob', secret),
    });
    expect(notification).not.toBeNull();
    expect(JSON.stringify(notification)).not.toContain('launch');
  });
});

describe('attention', () => {
  it.each([
    { case: 'no chats', chats: [], unread: 0, tooltip: 'Messenger' },
    {
      case: 'all read',
      chats: [chatWith(bob, 'Bob', 0), chatWith(carol, 'Carol', 0)],
      unread: 0,
      tooltip: 'Messenger',
    },
    {
      case: 'one unread',
      chats: [chatWith(bob, 'Bob', 1), chatWith(carol, 'Carol', 0)],
      unread: 1,
      tooltip: 'Messenger — 1 unread message',
    },
    {
      case: 'many unread across chats',
      chats: [chatWith(bob, 'Bob', 3), chatWith(carol, 'Carol', 4)],
      unread: 7,
      tooltip: 'Messenger — 7 unread messages',
    },
  ])('$case: $unread unread, tooltip "$tooltip"', ({ chats, unread, tooltip }) => {
    expect(unreadTotal(chats)).toBe(unread);
    expect(attention(state({ chats }))).toEqual({ unreadTotal: unread, tooltip });
  });
});

describe('muted, marked unread and actions (issue 15)', () => {
  const muted = { ...chatWith(bob, 'Bob', 4), muted: true as const };
  const marked = { ...chatWith(carol, 'Carol'), markedUnread: true as const };

  it('a muted chat counts no unread; one marked unread counts at least one', () => {
    expect(unreadTotal([muted, marked])).toBe(1);
    expect(unreadTotal([{ ...marked, unread: 3 }])).toBe(3);
    expect(unreadTotal([{ ...marked, muted: true }])).toBe(0);
    expect(attention({ chats: [muted, marked] }).tooltip).toBe('Messenger — 1 unread message');
  });

  it('a muted chat notifies no one', () => {
    expect(notificationFor(state({ chats: [muted] }), { chat: muted, message: message(bob, 'Bob', 'hi') })).toBeNull();
  });

  it('an action copy (a recall, an edit, a deletion) notifies no one', () => {
    const recall: Message = { ...message(bob, 'Bob', 'Bob recalled a message'), kind: 'recall', target: 9 };
    expect(notificationFor(state(), { chat: bobChat, message: recall })).toBeNull();
    expect(notificationFor(state(), { chat: bobChat, message: message(bob, 'Bob', 'hi') })).not.toBeNull();
  });
});

describe('timed Do not disturb (issue 16)', () => {
  const hi = { chat: bobChat, message: message(bob, 'Bob', 'hi') };
  const until = (doNotDisturbUntil: number | null, now: number, doNotDisturb = true) =>
    state({ now, settings: { ...defaultSettings, doNotDisturb, doNotDisturbUntil } });

  it.each([
    { case: 'on without an end', doNotDisturb: true, end: null, now: 5_000, quiet: true },
    { case: 'on, before its end', doNotDisturb: true, end: 5_000, now: 4_999, quiet: true },
    { case: 'on, at its end', doNotDisturb: true, end: 5_000, now: 5_000, quiet: false },
    {
      case: 'on, after its end (before the core turned it off)',
      doNotDisturb: true,
      end: 5_000,
      now: 9_000,
      quiet: false,
    },
    { case: 'off, with an end left over', doNotDisturb: false, end: 5_000, now: 1_000, quiet: false },
  ])('$case: quiet $quiet', ({ doNotDisturb, end, now, quiet }) => {
    expect(doNotDisturbOn({ doNotDisturb, doNotDisturbUntil: end }, now)).toBe(quiet);
    expect(notificationFor(until(end, now, doNotDisturb), hi) === null).toBe(quiet);
  });
});

describe('in Chinese (issue 16)', () => {
  const zh = { ...defaultSettings, language: 'zh' as const };

  it('the tooltip and the hidden body follow the language', () => {
    expect(attention({ chats: [chatWith(bob, 'Bob', 3)], settings: zh }).tooltip).toBe('Messenger — 3 条未读消息');
    expect(attention({ chats: [], settings: zh }).tooltip).toBe('Messenger');
    expect(tooltip(1, 'zh')).toBe('Messenger — 1 条未读消息');
    const hidden = notificationFor(state({ settings: { ...zh, hideContent: true } }), {
      chat: bobChat,
      message: message(bob, 'Bob', 'secret'),
    });
    expect(hidden).toEqual({ who: bob, title: 'Bob', body: '新消息' });
    const english = notificationFor(state({ hideContent: true }), { chat: bobChat, message: message(bob, 'Bob', 's') });
    expect(english?.body).toBe('New message');
  });
});
