// Merging messages into one chat's timeline: by clientId, in seq order, unsent ones last.
import { describe, expect, it } from 'vitest';
import {
  emptyTimeline,
  mergeMessages,
  newestSeq,
  oldestSeq,
  storedAfter,
  withoutMessage,
  withPage,
} from '../../../renderer/store/timeline.js';
import { sent, unsent } from '../fixtures.js';

const contents = (timeline: { messages: Array<{ clientId: string }> }) => timeline.messages.map((m) => m.clientId);

describe('mergeMessages', () => {
  it('turns a sending message into the sent one in place, by clientId', () => {
    const sending = unsent('mine', 5_000, { content: 'hi' });
    let timeline = mergeMessages(emptyTimeline, [sent(1), sent(2), sending]);
    expect(timeline.messages.map((m) => m.state)).toEqual(['sent', 'sent', 'sending']);
    timeline = mergeMessages(timeline, [sent(3, { clientId: 'mine', user: 1, content: 'hi' })]);
    expect(contents(timeline)).toEqual(['c1', 'c2', 'mine']);
    expect(timeline.messages.at(-1)).toMatchObject({ state: 'sent', seq: 3, content: 'hi' });
  });

  it('never shows a message twice, whatever order the copies come in', () => {
    const timeline = mergeMessages(emptyTimeline, [sent(3), sent(1), sent(2), sent(1), sent(3)]);
    expect(contents(timeline)).toEqual(['c1', 'c2', 'c3']);
  });

  it('keeps stored messages in seq order and unsent ones after them by time', () => {
    const timeline = mergeMessages(emptyTimeline, [unsent('late', 9_000), sent(2), unsent('early', 8_000), sent(1)]);
    expect(contents(timeline)).toEqual(['c1', 'c2', 'early', 'late']);
  });

  it('places a peer message that arrives while one is still sending above the unsent one', () => {
    let timeline = mergeMessages(emptyTimeline, [sent(1), unsent('mine', 5_000)]);
    timeline = mergeMessages(timeline, [sent(2)]);
    expect(contents(timeline)).toEqual(['c1', 'c2', 'mine']);
  });

  it('ignores a late "sending" copy of a message already stored', () => {
    let timeline = mergeMessages(emptyTimeline, [sent(1, { clientId: 'mine', user: 1 })]);
    timeline = mergeMessages(timeline, [unsent('mine', 1)]);
    expect(timeline.messages).toHaveLength(1);
    expect(timeline.messages[0]!.state).toBe('sent');
  });

  it('updates a failed message back to sending on retry', () => {
    let timeline = mergeMessages(emptyTimeline, [
      unsent('mine', 1, { state: 'failed', failure: { code: 'too_large', message: 'no' } }),
    ]);
    timeline = mergeMessages(timeline, [unsent('mine', 1)]);
    expect(timeline.messages).toEqual([unsent('mine', 1)]);
  });

  it('skips messages the user discarded', () => {
    const timeline = mergeMessages(emptyTimeline, [unsent('gone', 1, { state: 'failed' }), sent(1)], { gone: true });
    expect(contents(timeline)).toEqual(['c1']);
  });

  it('returns the same timeline when nothing is added', () => {
    expect(mergeMessages(emptyTimeline, [])).toBe(emptyTimeline);
  });

  it('keeps up with a long chat', () => {
    let timeline = emptyTimeline;
    for (let seq = 1; seq <= 5_000; seq++) timeline = mergeMessages(timeline, [sent(seq)]);
    expect(timeline.messages).toHaveLength(5_000);
    expect(timeline.messages[4_999]!.seq).toBe(5_000);
  });
});

describe('newestSeq and storedAfter', () => {
  it('read the stored copies by seq, leaving the unsent tail out', () => {
    const timeline = mergeMessages(emptyTimeline, [sent(4), sent(5), sent(7), unsent('mine', 9_000)]);
    expect(newestSeq(timeline)).toBe(7);
    expect(contents({ messages: storedAfter(timeline, 4) })).toEqual(['c5', 'c7']);
    expect(contents({ messages: storedAfter(timeline, 5) })).toEqual(['c7']);
    expect(storedAfter(timeline, 7)).toEqual([]);
    expect(newestSeq(mergeMessages(emptyTimeline, [unsent('mine', 1)]))).toBe(0);
  });
});

describe('withPage', () => {
  it('marks the timeline loaded and takes hasMore from the newest page', () => {
    const timeline = withPage(emptyTimeline, { messages: [sent(51), sent(52)], hasMore: true }, 'newest');
    expect(timeline).toMatchObject({ loaded: true, hasMore: true });
    expect(oldestSeq(timeline)).toBe(51);
  });

  it('prepends an older page and stops when there is no more', () => {
    let timeline = withPage(emptyTimeline, { messages: [sent(3), sent(4)], hasMore: true }, 'newest');
    timeline = { ...timeline, loadingOlder: true };
    timeline = withPage(timeline, { messages: [sent(1), sent(2)], hasMore: false }, 'older');
    expect(contents(timeline)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(timeline).toMatchObject({ hasMore: false, loadingOlder: false });
  });

  it('keeps what older pages learned when the newest page is loaded again', () => {
    let timeline = withPage(emptyTimeline, { messages: [sent(2)], hasMore: true }, 'newest');
    timeline = withPage(timeline, { messages: [sent(1)], hasMore: false }, 'older');
    timeline = withPage(timeline, { messages: [sent(2), sent(3)], hasMore: true }, 'newest');
    expect(timeline.hasMore).toBe(false);
    expect(contents(timeline)).toEqual(['c1', 'c2', 'c3']);
  });
});

describe('withoutMessage', () => {
  it('drops one message by clientId', () => {
    const timeline = mergeMessages(emptyTimeline, [sent(1), unsent('x', 1)]);
    expect(contents(withoutMessage(timeline, 'x'))).toEqual(['c1']);
    expect(withoutMessage(timeline, 'nope')).toBe(timeline);
  });
});
