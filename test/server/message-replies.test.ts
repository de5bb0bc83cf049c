// Replies, forwards, recalled and hidden files, and chat:history around a seq (docs/protocol.md
// 6.3, 6.11) through real sockets, with the database read to see which files and blobs are left.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { fails, fullHistory, newClientId, ok, send } from '../support/chat-helpers.js';
import { download, pdf, png, sendFiles, uploaded } from '../support/files.js';
import { rowCount } from '../support/row-counts.js';
import { World, type Person } from '../support/world.js';

describe('replies, forwards and files of acted-on messages', () => {
  let world: World;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  beforeEach(async () => {
    world = await World.start();
    [alice, bob, carol] = [await world.person('alice'), await world.person('bob'), await world.person('carol')];
  });
  afterEach(() => world.close());

  const count = (table: string) => rowCount(world.server, table);
  const reply = async (from: Person, to: Person, replyTo: unknown, content = 'answer') =>
    (await ok(from.socket, 'message:send', { to: to.id, clientId: newClientId(), content, replyTo }))
      .message as Message;
  const withFiles = async (from: Person, to: Person, caption: string): Promise<Message> => {
    const image = await uploaded(world.url, from.token, png(3, 3), 'a.png');
    const doc = await uploaded(world.url, from.token, pdf(), 'b.pdf');
    const ack = await sendFiles(from.socket, to.id, newClientId(), [image.id, doc.id], caption);
    return ack.message as Message;
  };

  it('a reply carries a snapshot of what it quotes, in both records and on every read path', async () => {
    const long = '😀'.repeat(150);
    const quoted = await send(bob.socket, alice.id, long);
    const answer = await reply(alice, bob, quoted.id);
    const quote = { id: quoted.id, user: bob.id, name: bob.name, excerpt: '😀'.repeat(100) };
    expect(answer.replyTo).toEqual(quote);
    expect((await fullHistory(bob.socket, alice.id)).at(-1)!.replyTo).toEqual(quote);
    const list = (await ok(bob.socket, 'chats:list')).chats;
    expect(list[0].last.replyTo).toEqual(quote);
    // A repeat answers the first copy, quote and all.
    const again = await ok(alice.socket, 'message:send', {
      to: bob.id,
      clientId: answer.clientId,
      content: 'answer',
      replyTo: quoted.id,
    });
    expect(again.message).toEqual(answer);
    // The snapshot stays as it was when the quoted message changes.
    await ok(bob.socket, 'message:edit', { who: alice.id, id: quoted.id, clientId: newClientId(), content: 'new' });
    expect((await fullHistory(alice.socket, bob.id)).find((m) => m.id === answer.id)!.replyTo).toEqual(quote);
    // A recalled message is quoted without its text; a caption stands for a message with files.
    const recalled = await send(bob.socket, alice.id, 'gone soon');
    await ok(bob.socket, 'message:recall', { who: alice.id, id: recalled.id, clientId: newClientId() });
    expect((await reply(alice, bob, recalled.id)).replyTo!.excerpt).toBe('');
    const files = await withFiles(bob, alice, 'the caption');
    expect((await reply(alice, bob, files.id)).replyTo!.excerpt).toBe('the caption');
  });

  it('a recall erases the text everywhere the server kept it: its edits and the quotes of it', async () => {
    const secret = await send(bob.socket, alice.id, 'the door code is 4711');
    await ok(bob.socket, 'message:edit', {
      who: alice.id,
      id: secret.id,
      clientId: newClientId(),
      content: 'code 4712',
    });
    const answer = await reply(alice, bob, secret.id);
    expect(answer.replyTo!.excerpt).toBe('code 4712');
    const other = await send(bob.socket, alice.id, 'keep me');
    const otherReply = await reply(alice, bob, other.id);
    await ok(bob.socket, 'message:recall', { who: alice.id, id: secret.id, clientId: newClientId() });
    for (const [person, peer] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const history = await fullHistory(person.socket, peer.id);
      expect(JSON.stringify(history)).not.toMatch(/4711|4712/);
      const edit = history.find((m) => m.kind === 'edit' && m.target === secret.id)!;
      expect(edit).toMatchObject({ content: `${bob.name} edited a message` });
      expect(edit.text ?? '').toBe('');
      expect(history.find((m) => m.id === answer.id)!.replyTo).toEqual({ ...answer.replyTo, excerpt: '' });
      // A quote of another message keeps its words.
      expect(history.find((m) => m.id === otherReply.id)!.replyTo!.excerpt).toBe('keep me');
    }
  });

  it('refuses a reply to a message not in the sender’s record with that person', async () => {
    const carols = await send(carol.socket, bob.id, 'for bob only');
    await fails(
      alice.socket,
      'message:send',
      { to: bob.id, clientId: newClientId(), content: 'x', replyTo: carols.id },
      'not_found',
    );
    await fails(
      alice.socket,
      'message:send',
      { to: bob.id, clientId: newClientId(), content: 'x', replyTo: 0 },
      'bad_request',
    );
    expect(await fullHistory(alice.socket, bob.id)).toEqual([]);
  });

  it('recall erases the files for both: the receiver’s download is 404 and the blobs are trashed', async () => {
    const message = await withFiles(alice, bob, 'look');
    const [image, doc] = message.attachments!;
    expect((await download(world.url, image!.id, bob.token)).status).toBe(200);
    await ok(alice.socket, 'message:recall', { who: bob.id, id: message.id, clientId: newClientId() });
    for (const person of [alice, bob]) {
      for (const file of [image!, doc!]) expect((await download(world.url, file.id, person.token)).status).toBe(404);
    }
    const [original] = await fullHistory(bob.socket, alice.id);
    expect(original).toMatchObject({ recalled: true, content: '' });
    expect(original!.attachments).toBeUndefined();
    expect(original!.caption).toBeUndefined();
    expect(await count('files')).toBe(0);
    expect(await count('trashed_blobs')).toBe(2);
  });

  it('hide lets go of the caller’s side of the files; the other side still reads them', async () => {
    const message = await withFiles(alice, bob, 'look');
    const [image] = message.attachments!;
    await ok(bob.socket, 'message:hide', { who: alice.id, id: message.id, clientId: newClientId() });
    expect((await download(world.url, image!.id, bob.token)).status).toBe(404);
    expect((await download(world.url, image!.id, alice.token)).status).toBe(200);
    const [hidden] = await fullHistory(bob.socket, alice.id);
    expect(hidden).toMatchObject({ hidden: true, content: '' });
    expect(hidden!.attachments).toBeUndefined();
    expect((await fullHistory(alice.socket, bob.id))[0]!.attachments).toHaveLength(2);
    await ok(alice.socket, 'message:hide', { who: bob.id, id: message.id, clientId: newClientId() });
    expect(await count('files')).toBe(0);
    expect(await count('trashed_blobs')).toBe(2);
  });

  it('forward sends the text and shares the files; a blob is trashed only when no file refers to it', async () => {
    const message = await withFiles(bob, alice, 'from bob');
    const forwarded = (
      await ok(alice.socket, 'message:forward', { from: bob.id, id: message.id, to: carol.id, clientId: newClientId() })
    ).message as Message;
    expect(forwarded).toMatchObject({ forwarded: true, user: alice.id, caption: 'from bob' });
    expect(forwarded.attachments!.map((file) => [file.name, file.sha256])).toEqual(
      message.attachments!.map((file) => [file.name, file.sha256]),
    );
    const copy = forwarded.attachments![0]!;
    expect(copy.id).not.toBe(message.attachments![0]!.id);
    const carolsCopy = (await fullHistory(carol.socket, alice.id))[0]!;
    expect(carolsCopy).toMatchObject({ id: forwarded.id, forwarded: true });
    expect((await download(world.url, copy.id, carol.token)).body.equals(png(3, 3))).toBe(true);
    // Carol cannot read the original's ids; bob's recall leaves the forwarded files alone.
    expect((await download(world.url, message.attachments![0]!.id, carol.token)).status).toBe(404);
    await ok(bob.socket, 'message:recall', { who: alice.id, id: message.id, clientId: newClientId() });
    expect(await count('trashed_blobs')).toBe(0);
    expect((await download(world.url, copy.id, carol.token)).status).toBe(200);
    await ok(alice.socket, 'chat:delete', { who: carol.id });
    await ok(carol.socket, 'chat:delete', { who: alice.id });
    expect(await count('files')).toBe(0);
    expect(await count('trashed_blobs')).toBe(2);
  });

  it('forward refuses what the caller’s record does not hold, and a recalled message', async () => {
    const bobs = await send(bob.socket, carol.id, 'not for alice');
    await fails(
      alice.socket,
      'message:forward',
      { from: bob.id, id: bobs.id, to: carol.id, clientId: newClientId() },
      'not_found',
    );
    const recalled = await send(bob.socket, alice.id, 'soon gone');
    await ok(bob.socket, 'message:recall', { who: alice.id, id: recalled.id, clientId: newClientId() });
    await fails(
      alice.socket,
      'message:forward',
      { from: bob.id, id: recalled.id, to: carol.id, clientId: newClientId() },
      'conflict',
    );
    expect(await fullHistory(carol.socket, alice.id)).toEqual([]);
  });

  it('chat:history with aroundSeq: the copies centred on it, and whether either side has more', async () => {
    for (let i = 1; i <= 9; i++) await send(alice.socket, bob.id, `m${i}`);
    const seqs = async (payload: Record<string, unknown>) => {
      const page = await ok(bob.socket, 'chat:history', { who: alice.id, ...payload });
      return [page.messages.map((m: Message) => m.seq), page.hasMore];
    };
    expect(await seqs({ aroundSeq: 5, limit: 4 })).toEqual([[4, 5, 6, 7], true]);
    expect(await seqs({ aroundSeq: 5, limit: 3 })).toEqual([[4, 5, 6], true]);
    expect(await seqs({ aroundSeq: 1, limit: 4 })).toEqual([[1, 2, 3], true]);
    expect(await seqs({ aroundSeq: 9, limit: 4 })).toEqual([[8, 9], true]);
    expect(await seqs({ aroundSeq: 5, limit: 20 })).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9], false]);
    expect(await seqs({ aroundSeq: 1, limit: 1 })).toEqual([[1], true]);
    await fails(bob.socket, 'chat:history', { who: alice.id, aroundSeq: 5, afterSeq: 1 }, 'bad_request');
    await fails(bob.socket, 'chat:history', { who: alice.id, aroundSeq: 0 }, 'bad_request');
  });
});
