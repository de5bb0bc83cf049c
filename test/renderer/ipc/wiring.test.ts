// Events from the main process reach the store through the wiring module.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../main/ipc/contract.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { loadSnapshot, startWindow, wireEvents } from '../../../renderer/ipc/wiring.js';
import * as act from '../../../renderer/store/actions.js';
import { timelineOf } from '../../../renderer/store/messages-slice.js';
import { appStore } from '../../../renderer/store/store.js';
import { about, account, chat, sent, signedOut, unsent, user } from '../fixtures.js';
import { FakeApi } from './fake-api.js';

let fake: FakeApi;
let unwire: () => void;
const state = () => appStore.getState();

beforeEach(() => {
  vi.useFakeTimers();
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  unwire = wireEvents(fake.api);
});

afterEach(() => {
  unwire();
  vi.useRealTimers();
});

describe('wireEvents', () => {
  it('loads the snapshot, then the contacts of a signed-in user', async () => {
    fake.answer('snapshot', () => ({
      account,
      defaultServerUrl: 'http://d',
      connection: 'offline',
      chats: [chat(2, 'bob')],
      unreadTotal: 0,
      settings: defaultSettings,
      about,
      outboxRecovery: null,
    }));
    fake.answer('listUsers', () => [user(2, 'bob', true)]);
    await loadSnapshot(fake.api);
    await vi.runAllTimersAsync();
    expect(state().session).toMatchObject({ loaded: true, account, connection: 'offline' });
    expect(state().contacts.users).toHaveLength(1);
  });

  it('takes chats, messages, presence and settings', () => {
    fake.emit('account', account);
    fake.emit('chats', [chat(2, 'bob', { unread: 1 })]);
    fake.emit('messages', { who: 2, messages: [sent(1), unsent('mine', 9e12)] });
    fake.emit('messages', { who: 2, messages: [sent(2, { clientId: 'mine', user: 1 })] });
    fake.emit('presence', { id: 2, online: true });
    fake.emit('settings', { ...defaultSettings, theme: 'dark' });
    expect(state().chats.list[0]!.unread).toBe(1);
    expect(timelineOf(state().messages, 2).messages.map((m) => [m.clientId, m.state])).toEqual([
      ['c1', 'sent'],
      ['mine', 'sent'],
    ]);
    expect(state().contacts.online[2]).toBe(true);
    expect(state().settings.theme).toBe('dark');
  });

  it('shows "typing…" for about three seconds after the last notice', async () => {
    unwire();
    unwire = wireEvents(fake.api);
    const start = Date.now();
    fake.emit('typing', { from: 2 });
    expect(state().ui.typing).toEqual({ 2: start });
    await vi.advanceTimersByTimeAsync(2_000);
    fake.emit('typing', { from: 2 });
    await vi.advanceTimersByTimeAsync(1_100);
    expect(state().ui.typing).toEqual({ 2: start + 2_000 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(state().ui.typing).toEqual({});
  });

  it('clears a chat on historyReset, and reloads it when it is open', async () => {
    fake.answer('loadHistory', () => ({ messages: [sent(7)], hasMore: false }));
    fake.emit('messages', { who: 2, messages: [sent(1)] });
    fake.emit('messages', { who: 3, messages: [sent(1)] });
    act.chatShown({ who: 3, name: 'carol' });
    fake.emit('historyReset', { who: 2 });
    fake.emit('historyReset', { who: 3 });
    await vi.runAllTimersAsync();
    expect(timelineOf(state().messages, 2).messages).toEqual([]);
    expect(fake.named('loadHistory')).toEqual([{ who: 3, limit: 50 }]);
    expect(timelineOf(state().messages, 3).messages.map((m) => m.seq)).toEqual([7]);
  });

  it('opens the chat a notification asked for', async () => {
    fake.emit('chats', [chat(2, 'bob')]);
    act.sectionShown('settings');
    fake.answer('loadHistory', () => ({ messages: [], hasMore: false }));
    fake.emit('showChat', { who: 2 });
    await vi.runAllTimersAsync();
    expect(state().ui).toMatchObject({ section: 'chats', openChat: { who: 2, name: 'bob' } });
  });

  it('refreshes contacts when the connection comes back, and unsubscribes on request', async () => {
    fake.answer('listUsers', () => [user(2, 'bob', true)]);
    fake.emit('connection', 'online');
    await vi.runAllTimersAsync();
    expect(fake.named('listUsers')).toHaveLength(1);
    unwire();
    expect(fake.listenerCount).toBe(0);
    unwire = () => {};
  });
});

describe('startWindow', () => {
  it('says the window could not start, reports why, and starts on the next try', async () => {
    fake.fail('snapshot', 'internal');
    await startWindow();
    expect(state().session).toMatchObject({ loaded: false, startFailed: true });
    expect(fake.reports).toEqual([
      { context: 'loading the window', message: 'Error: internal', stack: expect.any(String) },
    ]);

    fake.answer('snapshot', () => signedOut);
    const again = startWindow();
    expect(state().session.startFailed).toBe(false);
    await again;
    expect(state().session).toMatchObject({ loaded: true, startFailed: false, about });
  });
});
