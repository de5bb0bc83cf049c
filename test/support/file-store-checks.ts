// The store's file methods, checked the same way on SQLite (test/server/store/file-store.test.ts)
// and PostgreSQL (test/cluster/postgres-file-store.test.ts). `store` must be empty.
import { expect } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import type { SendJudgement, SendOutcome, Store, StoredFile } from '../../server/store/store.js';

/** A judge that counts the slots taken, so a refused attachment can be shown to take none. */
function judge(): SendJudgement & { admitted: number } {
  return {
    admitted: 0,
    receiverViewing: () => false,
    admit() {
      this.admitted++;
      return true;
    },
  };
}

function upload(id: string, uploader: number, createdAt: number, mime = 'image/png'): StoredFile {
  const image = mime.startsWith('image/');
  return {
    id,
    uploader,
    name: `${id}.${image ? 'png' : 'pdf'}`,
    size: 10,
    mime,
    sha256: id.padEnd(64, '0'),
    ...(image ? { width: 4, height: 3 } : {}),
    blobKey: `blob-${id}`,
    createdAt,
  };
}

const wire = ({ id, name, size, mime, sha256, width, height }: StoredFile) => ({
  id,
  name,
  size,
  mime,
  sha256,
  ...(width === undefined ? {} : { width, height }),
});

function stored(outcome: SendOutcome): Extract<SendOutcome, { kind: 'stored' }> {
  if (outcome.kind !== 'stored') throw new Error(`not stored: ${JSON.stringify(outcome)}`);
  return outcome;
}

export async function checkFileStore(store: Store): Promise<void> {
  const ids: number[] = [];
  // One at a time: the first is the admin, whom deleteAccount would refuse.
  for (const name of ['ann', 'bob', 'cy', 'dee']) ids.push((await store.createUser(name, name, 'hash', 1))!.id);
  const [ann, bob, cy, dee] = ids as [number, number, number, number];
  const send = (from: number, to: number, clientId: string, content: string, attachments?: string[], j = judge()) =>
    store.sendMessage({ from, to, clientId, content, date: 100, attachments }, j);

  // An upload is the uploader's alone until it is attached.
  const photo = upload('photo', ann, 10);
  const doc = upload('doc', ann, 11, 'application/pdf');
  const bobs = upload('bobs', bob, 12);
  for (const file of [photo, doc, bobs]) await store.createFile(file);
  expect(await store.countUnattached(ann, 10)).toBe(2);
  expect(await store.countUnattached(ann, 1)).toBe(1);
  expect(await store.readableFile('photo', ann)).toEqual(photo);
  expect(await store.readableFile('doc', ann)).toEqual(doc);
  expect(await store.readableFile('photo', bob)).toBeNull();
  expect(await store.readableFile('nothing', ann)).toBeNull();

  // Someone else's upload, or an unknown id, attaches nothing and takes no send slot.
  for (const [ids, id] of [
    [['photo', 'bobs'], 'bobs'],
    [['nothing'], 'nothing'],
  ] as const) {
    const j = judge();
    expect(await send(ann, bob, 'bad', 'caption', [...ids], j)).toEqual({
      kind: 'bad-attachment',
      id,
      reason: 'unknown',
    });
    expect(j.admitted).toBe(0);
  }
  expect(await store.findSent(ann, 'bad')).toBeNull();
  expect(await store.listChats(ann, 0, 10)).toEqual([]);

  // Both copies carry the files in order, the caption, and the placeholder text.
  await send(ann, bob, 'text-1', 'hello');
  const sent = stored(await send(ann, bob, 'files-1', 'look', ['doc', 'photo']));
  const withFiles = {
    content: '[File] doc.pdf\n[Image] photo.png\nlook',
    caption: 'look',
    attachments: [wire(doc), wire(photo)],
  };
  expect(sent.sender.message).toMatchObject({ ...withFiles, seq: 2 });
  expect(sent.receiver.message).toMatchObject({ ...withFiles, seq: 2 });
  expect(sent.sender.chat.last).toEqual(sent.sender.message);
  expect(sent.receiver.chat.last).toEqual(sent.receiver.message);
  expect(await store.countUnattached(ann, 10)).toBe(0);
  expect(await store.readableFile('photo', bob)).toEqual(photo);
  expect(await store.readableFile('photo', cy)).toBeNull();

  // The repeat, findSent, history pages and each record's `last` show the same message.
  expect(await send(ann, bob, 'files-1', 'look', ['doc', 'photo'])).toEqual({
    kind: 'duplicate',
    first: sent.sender.message,
  });
  expect(await store.findSent(ann, 'files-1')).toEqual(sent.sender.message);
  const page = await store.history(bob, ann, { limit: 10 });
  expect(page.messages.map((message) => message.content)).toEqual(['hello', withFiles.content]);
  expect(page.messages[0]).not.toHaveProperty('attachments');
  expect(page.messages[0]).not.toHaveProperty('caption');
  expect(page.messages[1]).toEqual(sent.receiver.message);
  expect((await store.history(ann, bob, { limit: 1, beforeSeq: 3 })).messages).toEqual([sent.sender.message]);
  expect((await store.listChats(bob, 0, 10))[0]!.last).toEqual(sent.receiver.message);
  expect((await store.openChat(ann, bob, 200)).chat.last).toEqual(sent.sender.message);
  expect((await store.readChat(bob, ann)).chat!.last).toEqual(sent.receiver.message);

  // A file goes to one message only; a caption may be empty.
  expect(await send(ann, cy, 'again', '', ['photo'])).toEqual({ kind: 'bad-attachment', id: 'photo', reason: 'used' });
  await store.createFile(upload('solo', ann, 13));
  expect(stored(await send(ann, cy, 'solo-1', '', ['solo'])).receiver.message).toMatchObject({
    content: '[Image] solo.png',
    caption: '',
  });
  await store.createFile(upload('dup', ann, 600));
  expect(await send(ann, cy, 'twice', '', ['dup', 'dup'])).toEqual({
    kind: 'bad-attachment',
    id: 'dup',
    reason: 'used',
  });
  expect(await store.countUnattached(ann, 10)).toBe(1);

  // The recipient deleting their record loses the files; the uploader keeps them until theirs goes too.
  expect(await store.deleteChat(bob, ann)).toBe(true);
  expect(await store.readableFile('photo', bob)).toBeNull();
  expect(await store.readableFile('photo', ann)).toEqual(photo);
  expect(await store.trashedBlobs(10)).toEqual([]);
  expect(await store.deleteChat(ann, bob)).toBe(true);
  expect(await store.readableFile('photo', ann)).toBeNull();
  expect(await store.readableFile('doc', ann)).toBeNull();
  expect(new Set(await store.trashedBlobs(10))).toEqual(new Set(['blob-doc', 'blob-photo']));

  // The sender deleting first: the recipient still reads it.
  await store.createFile(upload('cys', cy, 14));
  stored(await send(cy, dee, 'cy-1', 'for dee', ['cys']));
  await store.deleteChat(cy, dee);
  expect(await store.readableFile('cys', dee)).toEqual(upload('cys', cy, 14));
  expect(await store.readableFile('cys', cy)).toEqual(upload('cys', cy, 14));

  // A deleted account lets go of what its records held, and of its avatar.
  await store.setAvatar(dee, { id: 'dee-face', userId: dee, blobKey: 'blob-dee-face', mime: 'image/png' });
  await store.createFile(upload('dees', dee, 15));
  stored(await send(dee, ann, 'dee-1', '', ['dees']));
  expect(await store.deleteAccount(dee, 'Deleted user', 300)).toEqual([]);
  expect(await store.readableFile('cys', dee)).toBeNull();
  expect(await store.readableFile('dees', ann)).toEqual(upload('dees', dee, 15));
  expect(await store.findAvatar('dee-face')).toBeNull();
  const trashed = new Set(await store.trashedBlobs(10));
  expect(trashed).toEqual(new Set(['blob-doc', 'blob-photo', 'blob-cys', 'blob-dee-face']));

  // Unattached uploads finished before the cut-off expire, at most `count` at a time.
  await store.forgetTrashedBlobs([...trashed]);
  expect(await store.trashedBlobs(10)).toEqual([]);
  for (const [id, at] of [
    ['old-1', 20],
    ['old-2', 21],
    ['new', 500],
  ] as const)
    await store.createFile(upload(id, cy, at));
  expect(await store.expireUploads(400, 1)).toBe(1);
  expect(await store.expireUploads(400, 10)).toBe(2);
  expect(await store.expireUploads(400, 10)).toBe(0);
  expect(await store.readableFile('new', cy)).not.toBeNull();
  expect(await store.readableFile('solo', ann)).not.toBeNull();
  expect(new Set(await store.trashedBlobs(10))).toEqual(new Set(['blob-old-1', 'blob-old-2', 'blob-bobs']));
  expect(await store.trashedBlobs(1)).toHaveLength(1);

  // Avatars: a new one replaces (and trashes) the old; the directory and the account show it.
  await store.forgetTrashedBlobs(await store.trashedBlobs(10));
  const face = (id: string) => ({ id, userId: ann, blobKey: `blob-${id}`, mime: 'image/png' });
  await store.setAvatar(ann, face('a1'));
  expect(await store.findAvatar('a1')).toEqual(face('a1'));
  await store.setAvatar(ann, face('a2'));
  expect(await store.findAvatar('a1')).toBeNull();
  expect(await store.findAvatar('a2')).toEqual(face('a2'));
  expect(await store.trashedBlobs(10)).toEqual(['blob-a1']);
  expect((await store.listUsers(null, 10)).find((user) => user.id === ann)?.avatar).toBe('a2');
  expect((await store.listUsers(null, 10)).find((user) => user.id === bob)).not.toHaveProperty('avatar');
  expect((await store.credentialsOf(ann))?.avatar).toBe('a2');
  expect(await store.credentialsOf(bob)).not.toHaveProperty('avatar');
  await store.setAvatar(ann, null);
  expect(await store.findAvatar('a2')).toBeNull();
  expect(await store.credentialsOf(ann)).not.toHaveProperty('avatar');
  expect(new Set(await store.trashedBlobs(10))).toEqual(new Set(['blob-a1', 'blob-a2']));
  // A deleted user gets none: the image goes straight to the trash.
  await store.setAvatar(dee, { id: 'late', userId: dee, blobKey: 'blob-late', mime: 'image/png' });
  expect(await store.findAvatar('late')).toBeNull();
  expect(await store.trashedBlobs(10)).toContain('blob-late');

  // Server values: the first claim wins.
  expect(await store.serverValue('link-key')).toBeNull();
  expect(await store.claimServerValue('link-key', 'one')).toBe('one');
  expect(await store.claimServerValue('link-key', 'two')).toBe('one');
  expect(await store.serverValue('link-key')).toBe('one');
}

/** Two sends racing to attach one upload: exactly one gets it. */
export async function checkAttachRace(store: Store): Promise<Message[]> {
  const ann = (await store.createUser('Race', 'race', 'hash', 1))!.id;
  const bob = (await store.createUser('Peer', 'peer', 'hash', 1))!.id;
  await store.createFile(upload('raced', ann, 1));
  const outcomes = await Promise.all(
    ['r1', 'r2'].map((clientId) =>
      store.sendMessage({ from: ann, to: bob, clientId, content: '', date: 1, attachments: ['raced'] }, judge()),
    ),
  );
  expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['bad-attachment', 'stored']);
  return outcomes.flatMap((outcome) => (outcome.kind === 'stored' ? [outcome.sender.message] : []));
}
