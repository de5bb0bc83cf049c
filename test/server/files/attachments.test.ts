// message:send with files, end to end over sockets (docs/protocol.md 6.3 and "Files and
// avatars"): both copies carry them, repeats answer the first copy, bad ids change nothing, only
// the two people in the chat read the files, links, and what deleting both records leaves.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from '../../support/clients.js';
import { download, httpRequest, pdf, png, uploaded, sendFiles } from '../../support/files.js';
import { World, type Person } from '../../support/world.js';
import { databaseFileName } from '../../../server/store/sqlite/sqlite-store.js';

describe('message:send with attachments', () => {
  let world: World;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let clock: number;
  beforeEach(async () => {
    clock = 1_800_000_000_000;
    world = await World.start({ now: () => clock });
    [alice, bob, carol] = [await world.person('alice'), await world.person('bob'), await world.person('carol')];
  });
  afterEach(() => world.close());

  const count = (table: string) => {
    const db = new Database(path.join(world.server.dataDir, databaseFileName), { readonly: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const history = async (person: Person, who: number) =>
    (await request(person.socket, 'chat:history', { who })).messages as any[];

  it('carries the files in both copies, with a placeholder for text-only clients', async () => {
    const image = await uploaded(world.url, alice.token, png(800, 600), 'screenshot.png');
    const document = await uploaded(world.url, alice.token, pdf(), 'plan.pdf');
    const ack = await request(alice.socket, 'message:send', {
      to: bob.id,
      clientId: 'c1',
      content: 'see these',
      attachments: [{ id: image.id }, { id: document.id }],
    });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    expect(ack.message).toMatchObject({
      content: '[Image] screenshot.png\n[File] plan.pdf\nsee these',
      caption: 'see these',
      attachments: [image, document],
    });
    const received = await bob.log.waitFor('message:new');
    expect(received.message).toMatchObject({
      content: ack.message.content,
      caption: 'see these',
      attachments: [image, document],
    });
    expect((await history(bob, alice.id))[0].attachments).toEqual([image, document]);

    // Only a caption-less file: content is the placeholder alone.
    const alone = await uploaded(world.url, alice.token, pdf(), 'only.pdf');
    const bare = await sendFiles(alice.socket, bob.id, 'c2', [alone.id]);
    expect(bare.message).toMatchObject({ content: '[File] only.pdf', caption: '', attachments: [alone] });

    // The sender and the receiver read it; anyone else is told there is no such file.
    expect((await download(world.url, image.id, alice.token)).status).toBe(200);
    const bobs = await download(world.url, image.id, bob.token);
    expect(bobs.status).toBe(200);
    expect(bobs.body.equals(png(800, 600))).toBe(true);
    const carols = await download(world.url, image.id, carol.token);
    expect(carols.status).toBe(404);
    expect(carols.json.error.code).toBe('not_found');
    expect((await download(world.url, 'no-such-file', carol.token)).status).toBe(404);
    expect(
      (
        await httpRequest(`${world.url}/api/files/${image.id}/link`, {
          method: 'POST',
          headers: { authorization: `Bearer ${carol.token}` },
        })
      ).status,
    ).toBe(404);
  });

  it('answers a repeat with the first copy, and refuses unknown, foreign and used uploads, writing nothing', async () => {
    const mine = await uploaded(world.url, alice.token, png(2, 2), 'a.png');
    const first = await sendFiles(alice.socket, bob.id, 'once', [mine.id]);
    expect(first.ok).toBe(true);
    const other = await uploaded(world.url, alice.token, pdf(), 'b.pdf');
    const repeat = await sendFiles(alice.socket, bob.id, 'once', [other.id], 'x');
    expect(repeat).toEqual(first);

    const carols = await uploaded(world.url, carol.token, pdf(), 'c.pdf');
    const refusals: Array<[unknown, string]> = [
      [[{ id: mine.id }], 'conflict'],
      [[{ id: other.id }, { id: 'never-uploaded' }], 'not_found'],
      [[{ id: carols.id }], 'not_found'],
      [[{ id: other.id }, { id: other.id }], 'bad_request'],
      [[{ id: 'bad id!' }], 'bad_request'],
      [Array.from({ length: 11 }, (_, i) => ({ id: `f${i}` })), 'bad_request'],
      [[], 'bad_request'],
    ];
    for (const [i, [attachments, code]] of refusals.entries()) {
      const answer = await request(alice.socket, 'message:send', {
        to: bob.id,
        clientId: `refused${i}`,
        content: '',
        attachments,
      });
      expect(answer.ok, JSON.stringify(attachments)).toBe(false);
      expect(answer.error.code, JSON.stringify(attachments)).toBe(code);
    }
    expect(await history(alice, bob.id)).toHaveLength(1);
    expect(await history(bob, alice.id)).toHaveLength(1);
    // `other` was in refused sends only: still unattached, so it can be sent now.
    const later = await sendFiles(alice.socket, bob.id, 'later', [other.id], 'now');
    expect(later.ok).toBe(true);
    // Text messages work as before.
    expect(
      (await request(alice.socket, 'message:send', { to: bob.id, clientId: 'text', content: 'hi' })).message,
    ).not.toHaveProperty('attachments');
  });

  it('reads a file through a link without a token until it expires', async () => {
    const image = await uploaded(world.url, alice.token, png(4, 4), 'a.png');
    await sendFiles(alice.socket, bob.id, 'l', [image.id]);
    const made = await httpRequest(`${world.url}/api/files/${image.id}/link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(made.status).toBe(200);
    expect(made.json).toEqual({
      url: expect.stringMatching(new RegExp(`^/api/files/${image.id}\\?`)),
      expiresAt: clock + 5 * 60_000,
    });
    const { url } = made.json as { url: string };
    const read = await httpRequest(`${world.url}${url}`, {});
    expect(read.status).toBe(200);
    expect(read.body.equals(png(4, 4))).toBe(true);
    expect((await httpRequest(`${world.url}${url}`, { headers: { range: 'bytes=0-3' } })).status).toBe(206);

    const tampered = url.replace(/sig=([0-9a-f])/, (_, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    expect((await httpRequest(`${world.url}${tampered}`, {})).status).toBe(404);
    const otherReader = url.replace(`by=${bob.id}`, `by=${carol.id}`);
    expect((await httpRequest(`${world.url}${otherReader}`, {})).status).toBe(404);
    const otherFile = await uploaded(world.url, alice.token, pdf(), 'b.pdf');
    expect((await httpRequest(`${world.url}${url.replace(image.id, otherFile.id)}`, {})).status).toBe(404);

    clock += 5 * 60_000 - 1;
    expect((await httpRequest(`${world.url}${url}`, {})).status).toBe(200);
    clock += 1;
    expect((await httpRequest(`${world.url}${url}`, {})).status).toBe(404);
  });

  it('takes the file away from a receiver who deletes the chat, and trashes its blob once both have', async () => {
    const image = await uploaded(world.url, alice.token, png(5, 5), 'a.png');
    await sendFiles(alice.socket, bob.id, 'd', [image.id]);
    expect(count('trashed_blobs')).toBe(0);
    expect((await request(bob.socket, 'chat:delete', { who: alice.id })).ok).toBe(true);
    expect((await download(world.url, image.id, bob.token)).status).toBe(404);
    // The uploader reads their own file for as long as it exists.
    expect((await download(world.url, image.id, alice.token)).status).toBe(200);
    expect((await request(alice.socket, 'chat:delete', { who: bob.id })).ok).toBe(true);
    expect((await download(world.url, image.id, alice.token)).status).toBe(404);
    expect(count('files')).toBe(0);
    expect(count('trashed_blobs')).toBe(1);
  });
});
