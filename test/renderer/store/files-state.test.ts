// The store's side of files: the chat list's "[Image]" / "[File] name" previews in both
// languages, avatars following user:updated, download progress, and messages keeping their files.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../protocol/contract.js';
import { isolated } from '../../../renderer/i18n/strings.js';
import { humanSize } from '../../../renderer/format/file-kind.js';
import * as act from '../../../renderer/store/actions.js';
import { selectChatRows } from '../../../renderer/store/chat-selectors.js';
import { fileProgressed } from '../../../renderer/store/file-actions.js';
import { timelineOf } from '../../../renderer/store/messages-slice.js';
import { appStore } from '../../../renderer/store/store.js';
import { account, chat, copy, sent, user } from '../fixtures.js';

const state = () => appStore.getState();
const photo: Attachment = { id: 'f1', name: 'beach.jpg', size: 1000, mime: 'image/jpeg', sha256: 'a'.repeat(64) };
const plan: Attachment = { id: 'f2', name: 'plan.pdf', size: 2000, mime: 'application/pdf', sha256: 'b'.repeat(64) };
const wire = (attachments: Attachment[], caption: string) =>
  copy(1, { content: '[placeholder as old clients see it]', attachments, caption });
const preview = () => selectChatRows(state())[0]!.preview;

beforeEach(() => {
  act.storeReset();
  act.accountChanged(account);
});

describe('chat list previews', () => {
  it('reads an image as [Image] and a file as [File] name, then the caption', () => {
    act.chatsChanged([chat(2, 'bob', { last: wire([photo], '') })]);
    expect(preview()).toBe('[Image]');
    act.chatsChanged([chat(2, 'bob', { last: wire([photo, plan], 'For Monday') })]);
    expect(preview()).toBe(`[Image] [File] ${isolated('plan.pdf')} For Monday`);
  });

  it('reads them in 中文', () => {
    act.settingsChanged({ ...state().settings, language: 'zh' });
    act.chatsChanged([chat(2, 'bob', { last: wire([photo, plan], '看看') })]);
    expect(preview()).toBe(`[图片] [文件] ${isolated('plan.pdf')} 看看`);
  });

  it('reads a text message as its text', () => {
    act.chatsChanged([chat(2, 'bob', { last: copy(1, { content: 'hello' }) })]);
    expect(preview()).toBe('hello');
  });
});

describe('avatars in the directory', () => {
  it('follow user:updated: a new avatar, then none', () => {
    act.contactsLoaded([user(2, 'bob'), { ...user(3, 'carol'), avatar: 'av-1' }]);
    act.userUpdated({ id: 2, name: 'bob', avatar: 'av-2' });
    expect(state().contacts.users.map((u) => u.avatar)).toEqual(['av-2', 'av-1']);
    act.userUpdated({ id: 3, name: 'carol' });
    expect(state().contacts.users[1]).toEqual(user(3, 'carol'));
  });

  it('leaves the directory as it was when nothing changed', () => {
    act.contactsLoaded([{ ...user(2, 'bob'), avatar: 'av-1' }]);
    const before = state().contacts.users[0];
    act.userUpdated({ id: 2, name: 'bob', avatar: 'av-1' });
    expect(state().contacts.users[0]).toBe(before);
  });
});

describe('files in the store', () => {
  it('keeps a message’s attachments', () => {
    const message = sent(1, { content: 'caption', attachments: [{ ...photo }] });
    act.messagesArrived(2, [message]);
    expect(timelineOf(state().messages, 2).messages[0]!.attachments).toEqual([photo]);
  });

  it('tracks download progress per file, forgetting finished ones', () => {
    fileProgressed({ id: 'f1', received: 10, total: 100 });
    fileProgressed({ id: 'f2', received: 5, total: 50 });
    fileProgressed({ id: 'f1', received: 100, total: 100 });
    expect(state().files.progress).toEqual({ f2: { id: 'f2', received: 5, total: 50 } });
  });

  it('forgets staged files and progress when another user signs in', () => {
    fileProgressed({ id: 'f1', received: 10, total: 100 });
    act.accountChanged({ ...account, user: { id: 9, name: 'zed' } });
    expect(state().files.progress).toEqual({});
  });
});

describe('sizes in words', () => {
  it.each([
    [0, '0 B'],
    [980, '980 B'],
    [1536, '1.5 KB'],
    [12 * 1024 * 1024, '12 MB'],
    [3.25 * 1024 ** 3, '3.3 GB'],
  ])('%d bytes read as %s', (bytes, words) => {
    expect(humanSize(bytes)).toBe(words);
  });
});
