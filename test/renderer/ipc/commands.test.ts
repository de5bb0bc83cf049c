// User commands against a fake window.messenger: what is asked of the main process, and
// what the store shows afterwards.
import { beforeEach, describe, expect, it } from 'vitest';
import { connectApi } from '../../../renderer/ipc/api.js';
import * as commands from '../../../renderer/ipc/commands.js';
import * as act from '../../../renderer/store/actions.js';
import { timelineOf } from '../../../renderer/store/messages-slice.js';
import { appStore } from '../../../renderer/store/store.js';
import { account, chat, sent, unsent } from '../fixtures.js';
import { FakeApi } from './fake-api.js';

let fake: FakeApi;
const state = () => appStore.getState();

beforeEach(() => {
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  act.accountChanged(account);
  act.connectionChanged('online');
});

describe('signing in', () => {
  it('resolves with the error code (and field) the main process gives', async () => {
    act.accountChanged(null);
    fake.fail('register', 'conflict');
    expect(await commands.signIn('register', { serverUrl: 'http://s', name: 'bob', password: 'long enough' })).toEqual({
      code: 'conflict',
      field: null,
    });
    expect(state().session.account).toBeNull();
  });

  it('records the account on success', async () => {
    act.accountChanged(null);
    fake.answer('login', () => account);
    expect(
      await commands.signIn('login', { serverUrl: account.serverUrl, name: 'alice', password: 'long enough' }),
    ).toBeNull();
    expect(state().session.account).toEqual(account);
  });
});

describe('opening and closing a chat', () => {
  it('opens the chat, loads its newest page, and marks it read at once', async () => {
    act.chatsChanged([chat(2, 'bob', { unread: 3 })]);
    fake.answer('loadHistory', () => ({ messages: [sent(1), sent(2)], hasMore: true }));
    await commands.openChat(2);
    expect(fake.named('openChat')).toEqual([{ who: 2 }]);
    expect(fake.named('loadHistory')).toEqual([{ who: 2, limit: 50 }]);
    expect(state().ui.openChat).toEqual({ who: 2, name: 'bob' });
    expect(state().chats.list[0]!.unread).toBe(0);
    expect(timelineOf(state().messages, 2)).toMatchObject({ loaded: true, hasMore: true });
  });

  it('closes the previous chat when another opens, and on closeOpenChat', async () => {
    fake.answer('loadHistory', () => ({ messages: [], hasMore: false }));
    await commands.openChat(2, 'bob');
    await commands.openChat(3, 'carol');
    commands.closeOpenChat();
    expect(fake.named('closeChat')).toEqual([{ who: 2 }, { who: 3 }]);
    expect(state().ui.openChat).toBeNull();
  });

  it('still shows the cached chat offline, without an error', async () => {
    fake.fail('openChat', 'offline');
    fake.answer('loadHistory', () => ({ messages: [sent(1)], hasMore: false }));
    await commands.openChat(2, 'bob');
    expect(state().ui.chatError).toBeNull();
    expect(timelineOf(state().messages, 2).messages).toHaveLength(1);
  });

  it('says so when the chat cannot be opened', async () => {
    fake.fail('openChat', 'not_found');
    fake.answer('loadHistory', () => ({ messages: [], hasMore: false }));
    await commands.openChat(9, 'ghost');
    expect(state().ui.chatError).toBe('not_found');
  });
});

describe('older pages', () => {
  it('asks for the page before the oldest message held, once at a time', async () => {
    act.historyLoaded(2, { messages: [sent(51), sent(52)], hasMore: true }, 'newest');
    let release = () => {};
    fake.answer(
      'loadHistory',
      () => new Promise((resolve) => (release = () => resolve({ messages: [sent(50)], hasMore: false }))) as never,
    );
    const first = commands.loadOlder(2);
    await commands.loadOlder(2);
    release();
    await first;
    expect(fake.named('loadHistory')).toEqual([{ who: 2, beforeSeq: 51, limit: 100 }]);
    expect(timelineOf(state().messages, 2)).toMatchObject({ hasMore: false, loadingOlder: false });
    await commands.loadOlder(2);
    expect(fake.named('loadHistory')).toHaveLength(1);
  });
});

describe('sending', () => {
  it('shows the sending message and clears the draft', async () => {
    act.draftChanged(2, 'hello');
    fake.answer('send', ({ content }) => unsent('new', 1, { content }));
    await commands.sendMessage(2, 'hello');
    expect(fake.named('send')).toEqual([{ to: 2, content: 'hello' }]);
    expect(state().ui.drafts[2]).toBeUndefined();
    expect(timelineOf(state().messages, 2).messages).toMatchObject([{ clientId: 'new', state: 'sending' }]);
  });

  it('gives the text back as a draft when nothing was queued', async () => {
    fake.fail('send', 'signed_out');
    await commands.sendMessage(2, 'keep me');
    expect(state().ui.drafts[2]).toBe('keep me');
    expect(state().ui.chatError).toBe('signed_out');
  });

  it('sends nothing blank', async () => {
    await commands.sendMessage(2, '  \n ');
    expect(fake.named('send')).toEqual([]);
  });

  it('discards a failed message for good', async () => {
    act.messagesArrived(2, [unsent('bad', 1, { state: 'failed' })]);
    await commands.discardMessage(2, 'bad');
    expect(fake.named('discard')).toEqual([{ clientId: 'bad' }]);
    expect(timelineOf(state().messages, 2).messages).toEqual([]);
  });
});

describe('typing notices', () => {
  it('go out at most every two seconds per chat, and only online', () => {
    commands.noteTyping(2, 10_000);
    commands.noteTyping(2, 11_999);
    commands.noteTyping(3, 11_999);
    commands.noteTyping(2, 12_000);
    expect(fake.named('typing')).toEqual([{ who: 2 }, { who: 3 }, { who: 2 }]);
    act.connectionChanged('offline');
    commands.noteTyping(2, 20_000);
    expect(fake.named('typing')).toHaveLength(3);
  });
});

describe('chat menu and settings', () => {
  it('deletes a chat and closes it when it was open', async () => {
    act.chatsChanged([chat(2, 'bob')]);
    act.chatShown({ who: 2, name: 'bob' });
    expect(await commands.deleteChat(2)).toBeNull();
    expect(fake.named('deleteChat')).toEqual([{ who: 2 }]);
    expect(fake.named('closeChat')).toEqual([{ who: 2 }]);
    expect(state().chats.list).toEqual([]);
    expect(state().ui.openChat).toBeNull();
  });

  it('keeps the chat when deleting fails', async () => {
    act.chatsChanged([chat(2, 'bob')]);
    fake.fail('deleteChat', 'offline');
    expect(await commands.deleteChat(2)).toBe('offline');
    expect(state().chats.list).toHaveLength(1);
  });

  it('marks read locally and in the main process', async () => {
    act.chatsChanged([chat(2, 'bob', { unread: 2 })]);
    await commands.markRead(2);
    expect(fake.named('readChat')).toEqual([{ who: 2 }]);
    expect(state().chats.list[0]!.unread).toBe(0);
  });

  it('changes a setting at once and takes the main process’s answer', async () => {
    fake.answer('updateSettings', (changes) => ({ ...state().settings, ...changes }));
    await commands.changeSettings({ theme: 'dark' });
    expect(fake.named('updateSettings')).toEqual([{ theme: 'dark' }]);
    expect(state().settings.theme).toBe('dark');
  });
});

describe('failures the renderer catches', () => {
  it('reports nothing for a failure main answered with a code: main logged it', async () => {
    fake.fail('listUsers', 'offline');
    fake.fail('updateSettings', 'internal');
    fake.fail('readChat', 'offline');
    await commands.refreshContacts();
    await commands.changeSettings({ theme: 'dark' });
    await commands.markRead(2);
    expect(fake.reports).toEqual([]);
  });

  it('reports what failed on this side, named by what the user was doing, and carries on', async () => {
    fake.breaks('listUsers');
    fake.breaks('loadHistory', 'cannot read properties of undefined');
    await commands.refreshContacts();
    await commands.openChat(2, 'bob');
    expect(fake.reports).toEqual([
      { context: 'refreshing contacts', message: 'TypeError: undefined is not a function', stack: expect.any(String) },
      {
        context: 'loading the newest messages',
        message: 'TypeError: cannot read properties of undefined',
        stack: expect.any(String),
      },
    ]);
    expect(state().ui.openChat).toEqual({ who: 2, name: 'bob' });
  });

  it('reports a closeChat that breaks, without an unhandled rejection', async () => {
    fake.answer('loadHistory', () => ({ messages: [], hasMore: false }));
    await commands.openChat(2, 'bob');
    fake.breaks('closeChat');
    commands.closeOpenChat();
    await expect.poll(() => fake.reports.map((report) => report.context)).toEqual(['closing a chat']);
  });

  it('signs out without rejecting when logout fails, and keeps the account until main says otherwise', async () => {
    fake.fail('logout', 'internal');
    await expect(commands.signOut()).resolves.toBeUndefined();
    expect(state().session.account).toEqual(account);
    fake.breaks('logout');
    await expect(commands.signOut()).resolves.toBeUndefined();
    expect(fake.reports.map((report) => report.context)).toEqual(['signing out']);
  });
});
