// What is worth saying aloud between two states of the store: pure, in Node.
import { describe, expect, it } from 'vitest';
import { arrivalsElsewhere, arrivalsInOpenChat, typingStarted } from '../../../renderer/a11y/arrivals.js';
import type { Chat } from '../../../main/ipc/contract.js';
import { initialAppState, type AppState } from '../../../renderer/store/state.js';
import { emptyTimeline } from '../../../renderer/store/timeline.js';
import { account, chat, copy, me, sent } from '../fixtures.js';

const since = copy(1).date;
const now = since + 60_000;

function signedIn(chats: Chat[], fields: Partial<AppState> = {}): AppState {
  const state = initialAppState();
  return { ...state, session: { ...state.session, account }, chats: { list: chats }, ...fields };
}

describe('arrivalsElsewhere', () => {
  const bob = (unread: number, seq = unread, fields: Partial<Chat> = {}) =>
    chat(2, 'bob', { unread, lastSeq: seq, last: copy(seq), ...fields });

  it('counts how much more unread each chat became', () => {
    const before = signedIn([bob(1), chat(3, 'carol')]);
    const after = signedIn([bob(3), chat(3, 'carol', { unread: 1, last: copy(5, { user: 3 }) })]);
    expect(arrivalsElsewhere(before, after, since, now)).toEqual([
      { who: 2, count: 2 },
      { who: 3, count: 1 },
    ]);
  });

  it('counts a chat the list did not have yet (a first message)', () => {
    expect(arrivalsElsewhere(signedIn([]), signedIn([bob(1)]), since, now)).toEqual([{ who: 2, count: 1 }]);
  });

  it('says nothing of the open chat, muted chats, reads, or while do not disturb is on', () => {
    const before = signedIn([bob(1)]);
    const open = { ...initialAppState().ui, openChat: { who: 2, name: 'bob' } };
    expect(arrivalsElsewhere(before, signedIn([bob(2)], { ui: open }), since, now)).toEqual([]);
    expect(arrivalsElsewhere(before, signedIn([bob(2, 2, { muted: true })]), since, now)).toEqual([]);
    expect(arrivalsElsewhere(before, signedIn([bob(0, 2)]), since, now)).toEqual([]);
    const quiet = { ...initialAppState().settings, doNotDisturb: true, doNotDisturbUntil: null };
    expect(arrivalsElsewhere(before, signedIn([bob(2)], { settings: quiet }), since, now)).toEqual([]);
    const ended = { ...quiet, doNotDisturbUntil: now - 1 };
    expect(arrivalsElsewhere(before, signedIn([bob(2)], { settings: ended }), since, now)).toEqual([
      { who: 2, count: 1 },
    ]);
  });

  it('says nothing of what was unread before the window listened (start-up, signing in)', () => {
    expect(arrivalsElsewhere(signedIn([]), signedIn([bob(4)]), copy(4).date + 1, now)).toEqual([]);
  });
});

describe('arrivalsInOpenChat', () => {
  const open = { ...initialAppState().ui, openChat: { who: 2, name: 'bob' } };
  const withTimeline = (messages: ReturnType<typeof sent>[], loaded = true) =>
    signedIn([], { ui: open, messages: { byChat: { 2: { ...emptyTimeline, loaded, messages } }, discarded: {} } });

  it('is the peer’s messages after the newest held', () => {
    const before = withTimeline([sent(10), sent(11)]);
    const after = withTimeline([sent(10), sent(11), sent(12), sent(13, { user: me.id })]);
    expect(arrivalsInOpenChat(before, after).map((message) => message.seq)).toEqual([12]);
  });

  it('is nothing for older pages, edits, recalls, or the first page while it loads', () => {
    const held = withTimeline([sent(10), sent(11)]);
    expect(arrivalsInOpenChat(held, withTimeline([sent(8), sent(9), sent(10), sent(11)]))).toEqual([]);
    expect(arrivalsInOpenChat(held, withTimeline([sent(10), sent(11, { editedAt: 5, content: 'x' })]))).toEqual([]);
    expect(arrivalsInOpenChat(held, withTimeline([sent(10), sent(11), sent(12, { recalled: true })]))).toEqual([]);
    expect(arrivalsInOpenChat(withTimeline([], false), withTimeline([sent(10), sent(11)]))).toEqual([]);
  });

  it('is nothing when another chat was open before', () => {
    const before = signedIn([], { ui: { ...open, openChat: { who: 3, name: 'carol' } } });
    expect(arrivalsInOpenChat(before, withTimeline([sent(10)]))).toEqual([]);
  });
});

describe('typingStarted', () => {
  const open = { ...initialAppState().ui, openChat: { who: 2, name: 'bob' } };
  it('is the open chat’s peer when they start, and nothing while they go on', () => {
    const idle = signedIn([], { ui: open });
    const typing = signedIn([], { ui: { ...open, typing: { 2: now } } });
    const still = signedIn([], { ui: { ...open, typing: { 2: now + 500 } } });
    expect(typingStarted(idle, typing)).toBe(2);
    expect(typingStarted(typing, still)).toBeNull();
    expect(typingStarted(idle, signedIn([], { ui: { ...open, typing: { 3: now } } }))).toBeNull();
  });
});
