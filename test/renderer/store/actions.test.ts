// The store's actions, reducer-style: start from a known state, act, read the state back.
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../main/ipc/contract.js';
import * as act from '../../../renderer/store/actions.js';
import { timelineOf } from '../../../renderer/store/messages-slice.js';
import { appStore } from '../../../renderer/store/store.js';
import { about, account, chat, sent, unsent, user } from '../fixtures.js';

const state = () => appStore.getState();
const clientIds = (who: number) => timelineOf(state().messages, who).messages.map((m) => m.clientId);

beforeEach(() => act.storeReset());

describe('session actions', () => {
  it('takes the snapshot: account, connection, chats, settings, default server, about', () => {
    act.startFailed(true);
    act.snapshotArrived({
      account,
      defaultServerUrl: 'http://127.0.0.1:4860',
      connection: 'online',
      chats: [chat(2, 'bob')],
      unreadTotal: 0,
      settings: { ...defaultSettings, language: 'zh' },
      about,
      outboxRecovery: null,
    });
    expect(state().session).toMatchObject({
      loaded: true,
      startFailed: false,
      about,
      outboxRecovery: null,
      account,
      connection: 'online',
      wasOnline: true,
      defaultServerUrl: 'http://127.0.0.1:4860',
    });
    expect(state().chats.list).toHaveLength(1);
    expect(state().settings.language).toBe('zh');
  });

  it('reads a drop after being online as reconnecting', () => {
    act.accountChanged(account);
    act.connectionChanged('connecting');
    expect(state().session.wasOnline).toBe(false);
    act.connectionChanged('online');
    act.connectionChanged('connecting');
    expect(state().session).toMatchObject({ connection: 'connecting', wasOnline: true });
  });

  it('forgets the last user’s chats, messages, contacts and drafts on sign-out, keeping the server', () => {
    act.accountChanged(account);
    act.chatsChanged([chat(2, 'bob')]);
    act.messagesArrived(2, [sent(1)]);
    act.contactsLoaded([user(2, 'bob')]);
    act.draftChanged(2, 'unsent words');
    act.chatShown({ who: 2, name: 'bob' });
    act.accountChanged(null);
    const after = state();
    expect(after.session).toMatchObject({ account: null, connection: 'signed-out', lastServerUrl: account.serverUrl });
    expect(after.chats.list).toEqual([]);
    expect(after.messages.byChat).toEqual({});
    expect(after.contacts.users).toEqual([]);
    expect(after.ui).toMatchObject({ openChat: null, drafts: {} });
  });

  it('keeps everything when the same account is announced again', () => {
    act.accountChanged(account);
    act.chatsChanged([chat(2, 'bob')]);
    act.accountChanged({ ...account });
    expect(state().chats.list).toHaveLength(1);
  });
});

describe('message actions', () => {
  it('merges by clientId: the sending message becomes sent in place', () => {
    act.messagesArrived(2, [sent(1), unsent('mine', 9e12)]);
    act.messagesArrived(2, [sent(2, { clientId: 'mine', user: 1 })]);
    expect(clientIds(2)).toEqual(['c1', 'mine']);
    expect(timelineOf(state().messages, 2).messages[1]!.state).toBe('sent');
  });

  it('clears only that chat on historyReset', () => {
    act.messagesArrived(2, [sent(1)]);
    act.messagesArrived(3, [sent(1)]);
    act.historyReset(2);
    expect(clientIds(2)).toEqual([]);
    expect(clientIds(3)).toEqual(['c1']);
    expect(timelineOf(state().messages, 2).loaded).toBe(false);
  });

  it('keeps a discarded message gone even if a late update names it', () => {
    act.messagesArrived(2, [unsent('oops', 1, { state: 'failed' })]);
    act.messageDiscarded(2, 'oops');
    act.messagesArrived(2, [unsent('oops', 1, { state: 'failed' })]);
    expect(clientIds(2)).toEqual([]);
  });

  it('loads pages: newest, then older, with the loading flag cleared', () => {
    act.historyLoaded(2, { messages: [sent(3)], hasMore: true }, 'newest');
    act.olderHistoryLoading(2, true);
    expect(timelineOf(state().messages, 2).loadingOlder).toBe(true);
    act.historyLoaded(2, { messages: [sent(1), sent(2)], hasMore: false }, 'older');
    expect(clientIds(2)).toEqual(['c1', 'c2', 'c3']);
    expect(timelineOf(state().messages, 2)).toMatchObject({ loaded: true, hasMore: false, loadingOlder: false });
  });

  it('ends the peer’s "typing…" when their message arrives', () => {
    act.peerTyping(2, 1_000);
    act.messagesArrived(2, [sent(1, { user: 2 })]);
    expect(state().ui.typing).toEqual({});
  });
});

describe('chat actions', () => {
  it('marks a chat read at once', () => {
    act.chatsChanged([chat(2, 'bob', { unread: 5 }), chat(3, 'carol', { unread: 1 })]);
    act.chatMarkedRead(2);
    expect(state().chats.list.map((c) => c.unread)).toEqual([0, 1]);
  });

  it('deletes a chat: its row, its messages, its draft, and closes it if open', () => {
    act.chatsChanged([chat(2, 'bob'), chat(3, 'carol')]);
    act.messagesArrived(2, [sent(1)]);
    act.draftChanged(2, 'draft');
    act.chatShown({ who: 2, name: 'bob' });
    act.deleteAsked({ who: 2, name: 'bob' });
    act.chatDeleted(2);
    expect(state().chats.list.map((c) => c.who)).toEqual([3]);
    expect(state().messages.byChat[2]).toBeUndefined();
    expect(state().ui).toMatchObject({ openChat: null, confirmDelete: null, drafts: {} });
  });

  it('opens a chat, closing the menu and palette, and clears its error', () => {
    act.chatMenuOpened({ who: 2, name: 'bob', x: 1, y: 2 });
    act.paletteToggled(true);
    act.chatFailed('not_found');
    act.chatShown({ who: 3, name: 'carol' });
    expect(state().ui).toMatchObject({
      openChat: { who: 3, name: 'carol' },
      chatMenu: null,
      paletteOpen: false,
      chatError: null,
    });
    act.chatHidden();
    expect(state().ui.openChat).toBeNull();
  });
});

describe('ui actions', () => {
  it('keeps a draft per chat and drops it when emptied', () => {
    act.draftChanged(2, 'for bob');
    act.draftChanged(3, 'for carol');
    act.draftChanged(2, '');
    expect(state().ui.drafts).toEqual({ 3: 'for carol' });
  });

  it('lets "typing…" expire three seconds after the last notice', () => {
    act.peerTyping(2, 10_000);
    act.peerTyping(3, 11_000);
    act.typingExpired(12_999);
    expect(state().ui.typing).toEqual({ 2: 10_000, 3: 11_000 });
    act.typingExpired(13_000);
    expect(state().ui.typing).toEqual({ 3: 11_000 });
    act.peerTyping(3, 13_500);
    act.typingExpired(14_100);
    expect(state().ui.typing).toEqual({ 3: 13_500 });
  });

  it('tracks presence for people not yet in the contact list', () => {
    act.presenceChanged(7, true);
    act.contactsLoaded([user(2, 'bob', true)]);
    expect(state().contacts.online).toEqual({ 7: true, 2: true });
    act.contactSearchChanged('bo');
    expect(state().contacts.query).toBe('bo');
  });
});
