// A user renamed or deleted, as the core's `userUpdated` event tells the store: the directory,
// loaded messages and open chat follow; a deleted user leaves the directory and is remembered.
import { beforeEach, describe, expect, it } from 'vitest';
import * as act from '../../../renderer/store/actions.js';
import { timelineOf } from '../../../renderer/store/messages-slice.js';
import { appStore } from '../../../renderer/store/store.js';
import { account, sent, signedOut, user } from '../fixtures.js';

const state = () => appStore.getState();
const names = (who: number) => timelineOf(state().messages, who).messages.map((m) => `${m.user}:${m.name}`);

beforeEach(() => {
  act.storeReset();
  act.contactsLoaded([user(2, 'bob'), user(3, 'carol')]);
  act.messagesArrived(2, [sent(1), sent(2, { user: 1, name: 'alice' })]);
  act.messagesArrived(3, [sent(3, { user: 3, name: 'carol' })]);
  act.chatShown({ who: 2, name: 'bob' });
});

describe('user updates', () => {
  it("renames the user in the directory, in every loaded chat's messages and in the open chat", () => {
    const carolsTimeline = timelineOf(state().messages, 3);
    act.userUpdated({ id: 2, name: 'Robert' });
    expect(state().contacts.users.map((u) => u.name)).toEqual(['Robert', 'carol']);
    expect(names(2)).toEqual(['2:Robert', '1:alice']);
    expect(state().ui.openChat).toEqual({ who: 2, name: 'Robert' });
    // Chats without the user's messages are left as they were.
    expect(timelineOf(state().messages, 3)).toBe(carolsTimeline);
    expect(state().contacts.deleted).toEqual({});
  });

  it('takes a deleted user out of the directory and remembers them as deleted', () => {
    act.userUpdated({ id: 3, name: 'Deleted user', deleted: true });
    expect(state().contacts.users.map((u) => u.id)).toEqual([2]);
    expect(state().contacts.deleted).toEqual({ 3: true });
    expect(names(3)).toEqual(['3:Deleted user']);
    expect(state().ui.openChat).toEqual({ who: 2, name: 'bob' });
  });

  it('takes the deleted users the snapshot remembers', () => {
    act.snapshotArrived({ ...signedOut, account, connection: 'online', deletedUsers: [3] });
    expect(state().contacts.deleted).toEqual({ 3: true });
    act.snapshotArrived({ ...signedOut, account, connection: 'online' });
    expect(state().contacts.deleted).toEqual({});
  });
});
