// After a restart the snapshot brings every message still in the outbox: a chat never opened
// since shows its clock and moves up by that message's time; `messages` events keep it current,
// and opening the chat neither duplicates nor loses it.
import { beforeEach, describe, expect, it } from 'vitest';
import * as act from '../../../renderer/store/actions.js';
import { selectChatRows } from '../../../renderer/store/chat-selectors.js';
import { selectJumpTargets } from '../../../renderer/store/contact-selectors.js';
import { timelineOf } from '../../../renderer/store/messages-slice.js';
import { appStore } from '../../../renderer/store/store.js';
import type { ChatMessage } from '../../../main/ipc/contract.js';
import { account, chat, copy, sent, signedOut, unsent } from '../fixtures.js';

const state = () => appStore.getState();
const rows = () => selectChatRows(state());
const row = (who: number) => rows().find((r) => r.who === who)!;
const order = () => rows().map((r) => r.who);
const clientIds = (who: number) => timelineOf(state().messages, who).messages.map((m) => m.clientId);

// bob: older, with a stored message; carol: the newest chat; dave: pinned long ago.
const bobsLast = copy(3, { content: 'stored one', date: 1_000 });
const bob = chat(2, 'bob', { updatedAt: 1_000, lastSeq: 3, last: bobsLast });
const carol = chat(3, 'carol', { updatedAt: 5_000, lastSeq: 1, last: copy(1, { user: 3, date: 5_000 }) });
const dave = chat(4, 'dave', { updatedAt: 100, pinnedAt: 50 });
const waiting = unsent('u1', 9_000, { content: 'written offline' });

function restart(outbox?: Record<number, ChatMessage[]>): void {
  act.storeReset();
  act.snapshotArrived({
    ...signedOut,
    account,
    connection: 'offline',
    chats: [bob, carol, dave],
    ...(outbox ? { outbox } : {}),
  });
}

beforeEach(() => restart({ 2: [unsent('u0', 8_000), waiting] }));

describe('the outbox at start-up', () => {
  it("shows a never-opened chat's newest unsent message with a clock, at the top after the pinned ones", () => {
    expect(row(2)).toMatchObject({ preview: 'written offline', outbox: 'sending', time: 9_000 });
    expect(order()).toEqual([4, 2, 3]);
    expect(selectJumpTargets('')(state()).map((target) => target.who)).toEqual([2, 3, 4]);
  });

  it('orders by the server as before when an older core sends no outbox', () => {
    restart();
    expect(row(2).outbox).toBeNull();
    expect(order()).toEqual([4, 3, 2]);
  });

  it('follows a message that fails, and drops the clock once every one is sent', () => {
    act.messagesArrived(2, [{ ...waiting, state: 'failed', failure: { code: 'offline', message: '' } }]);
    expect(row(2).outbox).toBe('failed');
    act.messagesArrived(2, [{ ...unsent('u0', 8_000), id: 4, seq: 4, state: 'sent' }]);
    expect(row(2).outbox).toBe('failed');
    act.messagesArrived(2, [{ ...waiting, id: 5, seq: 5, state: 'sent' }]);
    act.chatsChanged([
      { ...bob, updatedAt: 9_500, lastSeq: 5, last: copy(5, { user: 1, content: 'written offline' }) },
      carol,
      dave,
    ]);
    expect(row(2)).toMatchObject({ outbox: null, preview: 'written offline', time: 1_700_000_005_000 });
    expect(clientIds(2)).toEqual(['u0', 'u1']);
  });

  it('shows the one before when the newest is discarded, and none when all are', () => {
    act.messageDiscarded(2, 'u1');
    expect(row(2)).toMatchObject({ preview: 'u0', outbox: 'sending', time: 8_000 });
    act.messageDiscarded(2, 'u0');
    expect(row(2)).toMatchObject({ preview: 'stored one', outbox: null });
    expect(order()).toEqual([4, 3, 2]);
  });

  it('opening the chat later keeps each unsent message once, after the stored ones', () => {
    act.historyLoaded(2, { messages: [sent(2), sent(3), unsent('u0', 8_000), waiting], hasMore: false }, 'newest');
    expect(clientIds(2)).toEqual(['c2', 'c3', 'u0', 'u1']);
    expect(row(2).outbox).toBe('sending');
  });

  it('a stale snapshot never brings back a message that was sent or discarded', () => {
    act.messagesArrived(2, [{ ...waiting, id: 5, seq: 5, state: 'sent' }]);
    act.messageDiscarded(2, 'u0');
    act.snapshotArrived({
      ...signedOut,
      account,
      connection: 'offline',
      chats: [bob, carol, dave],
      outbox: { 2: [unsent('u0', 8_000), waiting] },
    });
    expect(clientIds(2)).toEqual(['u1']);
    expect(row(2).outbox).toBeNull();
  });

  it('keeps the unsent messages when the chat history is reset: they are still in the outbox', () => {
    act.messagesArrived(2, [sent(3)]);
    act.historyReset(2);
    expect(clientIds(2)).toEqual(['u0', 'u1']);
    expect(timelineOf(state().messages, 2).loaded).toBe(false);
    expect(row(2).outbox).toBe('sending');
  });
});
