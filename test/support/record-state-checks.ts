// The store's chat marks and read receipts (docs/protocol.md 6.12), checked the same way on
// SQLite (test/server/store/record-state-store.test.ts) and PostgreSQL
// (test/cluster/record-state-store.test.ts). `store` must be empty.
import { expect } from 'vitest';
import type { Store } from '../../server/store/store.js';

const notViewing = { receiverViewing: () => false, admit: () => true };
const viewing = { receiverViewing: () => true, admit: () => true };

export async function checkRecordState(store: Store): Promise<void> {
  const ann = (await store.createUser('Ann', 'ann', 'h', 1))!.id;
  const bob = (await store.createUser('Bob', 'bob', 'h', 1))!.id;
  const cat = (await store.createUser('Cat', 'cat', 'h', 1))!.id;
  let n = 0;
  const send = async (from: number, to: number, judge = notViewing) => {
    const outcome = await store.sendMessage({ from, to, clientId: `c${++n}`, content: `m${n}`, date: 10 + n }, judge);
    if (outcome.kind !== 'stored') throw new Error(outcome.kind);
    return outcome;
  };

  // Marks: only on a record that exists; a repeat changes nothing.
  expect(await store.changeRecord(ann, bob, { pinned: true, now: 5 })).toBeNull();
  const first = await send(ann, bob);
  const pinned = await store.changeRecord(ann, bob, { pinned: true, now: 100 });
  expect(pinned).toEqual({ chat: { ...first.sender.chat, pinnedAt: 100 }, changed: true });
  expect(await store.changeRecord(ann, bob, { pinned: true, now: 200 })).toEqual({ ...pinned, changed: false });
  expect((await store.changeRecord(ann, bob, { muted: true }))!.chat).toMatchObject({ pinnedAt: 100, muted: true });
  expect((await store.changeRecord(ann, bob, { muted: true }))!.changed).toBe(false);
  expect((await store.changeRecord(ann, bob, { markedUnread: true }))!.chat.markedUnread).toBe(true);
  expect((await store.listChats(bob, 0, 10))[0]).not.toHaveProperty('pinnedAt');
  // Reading clears the mark (and counts as cleared); the pin and mute stay.
  const read = await store.readChat(ann, bob);
  expect(read.cleared).toBe(true);
  expect(read.chat).toMatchObject({ pinnedAt: 100, muted: true });
  expect(read.chat).not.toHaveProperty('markedUnread');
  expect((await store.readChat(ann, bob)).cleared).toBe(false);
  expect((await store.changeRecord(ann, bob, { pinned: false, now: 300 }))!.chat).not.toHaveProperty('pinnedAt');

  // Receipts: Bob reads Ann's message, Ann's record learns it.
  const opened = await store.openChat(bob, ann, 50);
  expect(opened.seen).toMatchObject({ user: ann, who: bob, peerReadId: first.sender.message.id });
  expect((await store.openChat(bob, ann, 51)).seen).toBeUndefined();
  // A message stored while Bob views the pair is read at once; Ann's copy of the send says so.
  const watched = await send(ann, bob, viewing);
  expect(watched.sender.chat.peerReadId).toBe(watched.sender.message.id);
  // Ann answers Cat's unread message: Cat's record learns it in the same send, Ann's unread clears.
  const fromCat = await send(cat, ann);
  expect(fromCat.receiver.chat.unread).toBe(1);
  await store.changeRecord(ann, cat, { markedUnread: true });
  const answer = await send(ann, cat);
  expect(answer.sender.chat.unread).toBe(0);
  expect(answer.sender.chat).not.toHaveProperty('markedUnread');
  expect(answer.receiver.chat.peerReadId).toBe(fromCat.sender.message.id);

  // Ann turns receipts off: gone from her records and from those whose peer she is; none set.
  expect((await store.credentialsOf(ann))!.readReceipts).toBe(true);
  expect(await store.setReadReceipts(ann, false)).toBe(true);
  expect((await store.credentialsOf(ann))!.readReceipts).toBe(false);
  for (const owner of [ann, bob, cat])
    for (const chat of await store.listChats(owner, 0, 10)) expect(chat).not.toHaveProperty('peerReadId');
  await send(ann, bob);
  expect((await store.readChat(bob, ann)).seen).toBeUndefined();
  expect((await send(ann, bob, viewing)).sender.chat).not.toHaveProperty('peerReadId');
  // On again: the next reading sets it.
  expect(await store.setReadReceipts(ann, true)).toBe(true);
  const again = await send(ann, bob);
  expect((await store.readChat(bob, ann)).seen?.peerReadId).toBe(again.sender.message.id);
  expect(await store.setReadReceipts(987_654, false)).toBe(false);
}
