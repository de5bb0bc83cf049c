// The sender with a real outbox on disk and a fake server: each attachment's upload id is on
// disk before the next step, a restarted sender uploads only what has no id yet, and uploads
// the server forgot are made again once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attachment, SendRequest } from '../../../../protocol/contract.js';
import { FailureError } from '../../../../main/core/failure.js';
import type { UploadInput } from '../../../../main/core/files/transfer.js';
import { Outbox } from '../../../../main/core/outbox/outbox.js';
import { OutboxSender } from '../../../../main/core/outbox/outbox-sender.js';
import { eventually } from '../../../support/cores.js';
import { capturedLog } from '../log/captured-log.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-outbox-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A fake server: uploads answer in turn (`answer`), sends answer with `onSend`. */
function server(prefix = 'up') {
  const uploads: Array<{ input: UploadInput; resolve: (a: Attachment) => void; reject: (e: Error) => void }> = [];
  const sends: SendRequest[] = [];
  let uploaded = 0;
  return {
    uploads,
    sends,
    onSend: (_request: SendRequest): Promise<void> => Promise.resolve(),
    upload(input: UploadInput): Promise<Attachment> {
      return new Promise((resolve, reject) => uploads.push({ input, resolve, reject }));
    },
    /** The oldest waiting upload succeeds with a new id. */
    answer() {
      const next = uploads.shift()!;
      next.resolve({
        id: `${prefix}${++uploaded}`,
        name: next.input.name,
        size: next.input.size,
        mime: 'application/pdf',
        sha256: 'a'.repeat(64),
      });
    },
  };
}

async function openSender(fake: ReturnType<typeof server>, refused: string[] = [], ended = { count: 0 }) {
  const log = capturedLog();
  const outbox = await Outbox.open(dir, log.logger);
  const sender = new OutboxSender({
    outbox,
    online: () => true,
    upload: (input) => fake.upload(input),
    progress: () => {},
    send: async (request) => {
      fake.sends.push(request);
      await fake.onSend(request);
      return {
        message: { id: 1, clientId: request.clientId, user: 1, name: 'a', date: 0, content: request.content, seq: 1 },
      };
    },
    acked: async (clientId) => void (await outbox.remove(clientId)),
    refused: (clientId) => refused.push(clientId),
    sessionEnded: () => void ended.count++,
    logger: log.logger,
  });
  return { outbox, sender };
}

async function queueTwoFiles(outbox: Outbox) {
  const files = ['a.pdf', 'b.pdf'].map((name) => {
    const file = path.join(dir, `picked-${name}`);
    fs.writeFileSync(file, `bytes of ${name}`);
    return { file, name, size: 10, mime: 'application/pdf', sha256: 'a'.repeat(64) };
  });
  return outbox.add(2, 'caption', 0, files);
}

const onDisk = () =>
  (
    JSON.parse(fs.readFileSync(path.join(dir, 'outbox.json'), 'utf8')) as {
      items: Array<{ attachments: Array<{ id?: string }> }>;
    }
  ).items;

describe('outbox attachments', () => {
  it('keeps each upload id on disk, and a restarted sender uploads only what has none', async () => {
    const fake = server();
    const first = await openSender(fake);
    const item = await queueTwoFiles(first.outbox);
    first.sender.kick();
    await eventually(() => fake.uploads.length === 1, 'the first upload');
    fake.answer();
    await eventually(
      () => fake.uploads.length === 1 && onDisk()[0]?.attachments[0]?.id === 'up1',
      'the first id on disk',
    );
    expect(onDisk()[0]?.attachments[1]?.id).toBeUndefined();
    // The app dies mid-way through the second upload.
    first.sender.stop();

    const fresh = server('again');
    const second = await openSender(fresh);
    second.sender.kick();
    await eventually(() => fresh.uploads.length === 1, 'the restarted upload');
    expect(fresh.uploads[0]!.input.name).toBe('b.pdf');
    fresh.answer();
    await eventually(() => fresh.sends.length === 1, 'the send');
    expect(fresh.sends[0]).toEqual({
      to: 2,
      clientId: item.clientId,
      content: 'caption',
      attachments: [{ id: 'up1' }, { id: 'again1' }],
    });
    // Acknowledged: the item leaves the outbox, and its files with it.
    await eventually(
      () => second.outbox.items.length === 0 && fs.readdirSync(path.join(dir, 'outbox-files')).length === 0,
      'acked',
    );
  });

  it('uploads again, once, what the server no longer knows; then gives up', async () => {
    const fake = server();
    const refused: string[] = [];
    const { outbox, sender } = await openSender(fake, refused);
    const item = await queueTwoFiles(outbox);
    fake.onSend = async () => {
      throw new FailureError({ code: 'not_found', message: 'no such upload' });
    };
    sender.kick();
    for (let i = 0; i < 4; i++) {
      await eventually(() => fake.uploads.length === 1, `upload ${i + 1}`);
      fake.answer();
    }
    await eventually(() => refused.length === 1, 'refused');
    expect(fake.sends.map((s) => s.attachments)).toEqual([
      [{ id: 'up1' }, { id: 'up2' }],
      [{ id: 'up3' }, { id: 'up4' }],
    ]);
    expect(outbox.find(item.clientId)).toMatchObject({ state: 'failed', failure: { code: 'not_found' } });
  });

  it('ends the session when an upload is refused unauthorized, keeping the message for the next sign-in', async () => {
    const fake = server();
    const ended = { count: 0 };
    const { outbox, sender } = await openSender(fake, [], ended);
    const item = await queueTwoFiles(outbox);
    sender.kick();
    await eventually(() => fake.uploads.length === 1, 'the upload');
    fake.uploads.shift()!.reject(new FailureError({ code: 'unauthorized', message: 'Sign in again.' }));
    await eventually(() => ended.count === 1, 'the session ended');
    expect(outbox.find(item.clientId)).toMatchObject({ state: 'sending' });
    expect(fake.uploads).toHaveLength(0);
    expect(fake.sends).toHaveLength(0);
  });
});
