// Sending files against a real server: uploads from main with progress, one message with the
// attachments and its caption, the peer's verified download into the cache, open/save, cancel.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../main/ipc/contract.js';
import { uniqueName } from '../../../support/clients.js';
import { testPassword, TestCore, useServerAndCores, type Recorded } from '../../../support/cores.js';
import { pdfBytes, pngBytes, sha256, stage } from '../../../support/staged-files.js';

const withAttachments = (clientId: string) => (e: Recorded) =>
  e.event === 'messages' &&
  (e.payload.messages as ChatMessage[]).some((m) => m.clientId === clientId && m.state === 'sent');

function sentCopy(core: TestCore, clientId: string): ChatMessage | undefined {
  return core.events
    .filter((e) => e.event === 'messages')
    .flatMap((e) => e.payload.messages as ChatMessage[])
    .find((m) => m.clientId === clientId && m.state === 'sent');
}

describe('sending files', () => {
  const world = useServerAndCores();
  let downloads: string;
  beforeEach(() => {
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-downloads-'));
    process.env.MESSENGER_DOWNLOADS_DIR = downloads;
  });
  afterEach(() => {
    delete process.env.MESSENGER_DOWNLOADS_DIR;
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  it('sends a staged file once when two sends name it at once; a send naming it twice is refused', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    const pdf = await stage(alice.core, 'report.pdf', pdfBytes(2000));
    await expect(
      alice.core.call('send', {
        to: bob.id,
        content: '',
        attachments: [pdf, pdf].map(({ stagedId }) => ({ stagedId })),
      }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    const both = await Promise.allSettled(
      ['one', 'two'].map((content) =>
        alice.core.call<ChatMessage>('send', { to: bob.id, content, attachments: [{ stagedId: pdf.stagedId }] }),
      ),
    );
    const sent = both.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = both.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(sent).toHaveLength(1);
    expect(refused).toMatchObject([{ code: expect.stringMatching(/^(conflict|not_found)$/) }]);
    await bob.core.waitFor(withAttachments(sent[0]!.clientId));
  });

  it('uploads, sends one message with the caption, and the peer downloads, saves and sees the image', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    const image = pngBytes(30, 20, 600_000);
    const pdf = pdfBytes(5000);
    const a = await stage(alice.core, 'cat.png', image);
    const b = await stage(alice.core, 'report.pdf', pdf);
    const unsent = await alice.core.call<ChatMessage>('send', {
      to: bob.id,
      content: 'look',
      attachments: [{ stagedId: a.stagedId }, { stagedId: b.stagedId }],
    });
    expect(unsent.attachments?.map((x) => x.id)).toEqual([null, null]);
    await alice.core.waitFor(withAttachments(unsent.clientId));

    const mine = sentCopy(alice.core, unsent.clientId)!;
    expect(mine.content).toBe('look');
    expect(mine.attachments).toMatchObject([
      { name: 'cat.png', mime: 'image/png', size: image.length, sha256: sha256(image), width: 30, height: 20 },
      { name: 'report.pdf', mime: 'application/pdf', size: pdf.length, sha256: sha256(pdf) },
    ]);
    // Progress reached the renderer while the image went up.
    const progress = alice.core.events
      .filter((e) => e.event === 'messages')
      .flatMap((e) => e.payload.messages as ChatMessage[])
      .flatMap((m) => (m.clientId === unsent.clientId ? (m.attachments ?? []) : []))
      .flatMap((x) => (x.sent === undefined ? [] : [x.sent]));
    expect(progress.length).toBeGreaterThan(0);
    expect(Math.max(...progress)).toBe(image.length);
    // The sender's own image is shown from the cache: no download.
    expect(await alice.core.bridge.servedFile(`/files/${sha256(image)}`)).toMatchObject({ mime: 'image/png' });
    expect(fs.readdirSync(path.join(alice.core.profileDir, 'outgoing'))).toEqual([]);

    const arrived = await bob.core.waitFor(withAttachments(unsent.clientId));
    const theirs = (arrived.payload.messages as ChatMessage[]).find((m) => m.clientId === unsent.clientId)!;
    expect(theirs.content).toBe('look');
    const [cat, report] = theirs.attachments!;
    expect(await bob.core.bridge.servedFile(`/files/${cat!.sha256}`)).toBeNull();
    const input = { id: cat!.id, sha256: cat!.sha256, name: cat!.name, size: cat!.size, mime: cat!.mime };
    // Two requests at once share one download.
    const [one, two] = await Promise.all([bob.core.call('fileUrl', input), bob.core.call('fileUrl', input)]);
    expect(one).toEqual({ url: `/files/${sha256(image)}` });
    expect(two).toEqual(one);
    const served = await bob.core.bridge.servedFile(one.url);
    expect(fs.readFileSync(served!.file).equals(image)).toBe(true);
    expect(bob.core.events.some((e) => e.event === 'fileProgress' && e.payload.received === image.length)).toBe(true);

    // Save as… without a dialog: into Downloads, never over an existing file.
    const reportInput = {
      id: report!.id,
      sha256: report!.sha256,
      name: report!.name,
      size: report!.size,
      mime: report!.mime,
    };
    const first = await bob.core.call('saveFile', reportInput);
    const second = await bob.core.call('saveFile', reportInput);
    expect(first).toEqual({ savedTo: path.join(downloads, 'report.pdf') });
    expect(second).toEqual({ savedTo: path.join(downloads, 'report (2).pdf') });
    expect(fs.readFileSync(second.savedTo).equals(pdf)).toBe(true);
    // Not an image: the page is never given it.
    expect(await bob.core.bridge.servedFile(`/files/${report!.sha256}`)).toBeNull();
    await expect(bob.core.call('fileUrl', reportInput)).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('tells upload progress at most every 100 ms per message, and always the last byte', async () => {
    // A clock that never moves: only the first report and the last byte get through.
    const alice = await TestCore.open(undefined, undefined, { now: () => 5000 });
    try {
      await alice.call('register', {
        serverUrl: world.server.url,
        name: uniqueName('alice'),
        password: testPassword,
      });
      await alice.waitFor((e) => e.event === 'connection' && e.payload === 'online');
      const bob = await world.signedUp('bob');
      const big = pdfBytes(6 * 1024 * 1024);
      const a = await stage(alice, 'big.pdf', big);
      const unsent = await alice.call<ChatMessage>('send', {
        to: bob.id,
        content: '',
        attachments: [{ stagedId: a.stagedId }],
      });
      await alice.waitFor(withAttachments(unsent.clientId));
      const told = alice.events
        .filter((e) => e.event === 'messages')
        .flatMap((e) => e.payload.messages as ChatMessage[])
        .flatMap((m) =>
          m.clientId === unsent.clientId && m.attachments?.[0]?.sent !== undefined ? [m.attachments[0].sent] : [],
        );
      expect(told).toHaveLength(2);
      expect(told[1]).toBe(big.length);
    } finally {
      await alice.close();
      fs.rmSync(alice.profileDir, { recursive: true, force: true });
    }
  });

  it('refuses a download whose bytes do not hash to what the message names, and keeps nothing', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    const image = pngBytes(4, 4);
    const a = await stage(alice.core, 'x.png', image);
    const unsent = await alice.core.call<ChatMessage>('send', {
      to: bob.id,
      content: '',
      attachments: [{ stagedId: a.stagedId }],
    });
    const arrived = await bob.core.waitFor(withAttachments(unsent.clientId));
    const [x] = (arrived.payload.messages as ChatMessage[])[0]!.attachments!;
    const wrong = 'f'.repeat(64);
    await expect(
      bob.core.call('fileUrl', { id: x!.id, sha256: wrong, name: 'x.png', size: x!.size, mime: 'image/png' }),
    ).rejects.toMatchObject({ code: 'internal' });
    expect(await bob.core.bridge.servedFile(`/files/${wrong}`)).toBeNull();
    expect(fs.readdirSync(path.join(bob.core.profileDir, 'files')).filter((n) => n !== 'index.json')).toEqual([]);
    expect(bob.core.log.at('warn').some((line) => line.includes('fileUrl'))).toBe(true);
  });

  it('stops a message while its file uploads: it is never sent', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    const big = pdfBytes(24 * 1024 * 1024);
    const a = await stage(alice.core, 'big.pdf', big);
    const unsent = await alice.core.call<ChatMessage>('send', {
      to: bob.id,
      content: 'big',
      attachments: [{ stagedId: a.stagedId }],
    });
    await alice.core.waitFor(
      (e) =>
        e.event === 'messages' &&
        (e.payload.messages as ChatMessage[]).some((m) => m.clientId === unsent.clientId && m.attachments?.[0]?.sent),
    );
    await alice.core.call('cancelSend', { clientId: unsent.clientId });
    await expect(alice.core.call('cancelSend', { clientId: unsent.clientId })).rejects.toMatchObject({
      code: 'not_found',
    });
    // A later message goes through; the cancelled one never arrives before or after it.
    const later = await alice.core.call<ChatMessage>('send', { to: bob.id, content: 'after' });
    await bob.core.waitFor(withAttachments(later.clientId));
    const history = await bob.core.call('loadHistory', { who: alice.id });
    expect(history.messages.map((m: ChatMessage) => m.content)).toEqual(['after']);
    expect(fs.readdirSync(path.join(alice.core.profileDir, 'users'), { recursive: true }).join()).not.toContain(
      unsent.clientId,
    );
  });
});
