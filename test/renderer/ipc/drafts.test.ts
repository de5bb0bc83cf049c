// Drafts: saved a moment after the last keystroke (fake timers), at once on a chat switch and
// cleared on send; shown again from the snapshot after a restart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectApi } from '../../../renderer/ipc/api.js';
import { openChat, sendMessage } from '../../../renderer/ipc/commands.js';
import { draftSaveDelayMs, scheduleDraftSave } from '../../../renderer/ipc/message-commands.js';
import * as act from '../../../renderer/store/actions.js';
import { selectChatRows } from '../../../renderer/store/chat-selectors.js';
import { appStore } from '../../../renderer/store/store.js';
import { account, chat, signedOut, unsent } from '../fixtures.js';
import { FakeApi } from './fake-api.js';

let fake: FakeApi;

beforeEach(() => {
  vi.useFakeTimers();
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  act.accountChanged(account);
  act.connectionChanged('online');
  fake.answer('loadHistory', () => ({ messages: [], hasMore: false }));
});
afterEach(() => vi.useRealTimers());

function type(who: number, text: string): void {
  act.draftChanged(who, text);
  scheduleDraftSave(who);
}

describe('drafts', () => {
  it('saves once, a moment after the last change', async () => {
    type(2, 'h');
    type(2, 'he');
    await vi.advanceTimersByTimeAsync(draftSaveDelayMs - 1);
    type(2, 'hey');
    await vi.advanceTimersByTimeAsync(draftSaveDelayMs - 1);
    expect(fake.named('saveDraft')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.named('saveDraft')).toEqual([{ who: 2, text: 'hey' }]);
  });

  it('saves at once when the user switches chats, and not again later', async () => {
    await openChat(2, 'bob');
    type(2, 'half a thought');
    await openChat(3, 'carol');
    expect(fake.named('saveDraft')).toEqual([{ who: 2, text: 'half a thought' }]);
    await vi.advanceTimersByTimeAsync(draftSaveDelayMs * 2);
    expect(fake.named('saveDraft')).toHaveLength(1);
  });

  it('clears the saved draft when the message is sent', async () => {
    fake.answer('send', ({ content }) => unsent('m1', 1, { content }));
    type(2, 'sent now');
    await sendMessage(2, 'sent now');
    expect(fake.named('saveDraft')).toEqual([{ who: 2, text: '' }]);
  });

  it('shows the drafts kept in the profile after a restart, as "[Draft] text" in the list', () => {
    act.snapshotArrived({
      ...signedOut,
      account,
      connection: 'online',
      chats: [chat(2, 'bob'), chat(3, 'carol')],
      drafts: { 3: 'see you at 5' },
    });
    expect(appStore.getState().ui.drafts).toEqual({ 3: 'see you at 5' });
    const carol = selectChatRows(appStore.getState()).find((row) => row.who === 3);
    expect(carol).toMatchObject({ isDraft: true, preview: 'see you at 5' });
  });
});
