// Files over HTTP (docs/protocol.md, "Files and avatars"): upload, download whole, by range and
// with HEAD, the name and size rules, types read from the bytes, and what server-info states.
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { register } from '../../support/clients.js';
import {
  download,
  filesUnder,
  gif,
  html,
  httpRequest,
  patterned,
  pdf,
  png,
  stalledUpload,
  uploaded,
  uploadFile,
} from '../../support/files.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { databaseFileName } from '../../../server/store/sqlite/sqlite-store.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('files over HTTP', () => {
  let server: TestServer;
  let token: string;
  let closed: Promise<void> | undefined;
  beforeEach(async () => {
    server = await startTestServer({ maxUploadMb: 1 });
    token = (await register(server.url)).token;
    closed = undefined;
  });
  // Closing waits for the requests in flight, so what a failed upload cleans up is done by then.
  const close = () => (closed ??= server.close());
  afterEach(close);

  const fileRows = () => {
    const db = new Database(path.join(server.dataDir, databaseFileName), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const blobFiles = () => filesUnder(path.join(server.dataDir, 'files'));

  it('stores an upload and serves it back whole, by range and with HEAD', async () => {
    const bytes = patterned(100_000);
    const file = await uploaded(server.url, token, bytes, 'notes 年报.bin');
    expect(file).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      name: 'notes 年报.bin',
      size: 100_000,
      mime: 'application/octet-stream',
      sha256: sha256(bytes),
    });

    const whole = await download(server.url, file.id, token);
    expect(whole.status).toBe(200);
    expect(whole.body.equals(bytes)).toBe(true);
    expect(whole.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-length': '100000',
      'accept-ranges': 'bytes',
      etag: `"${sha256(bytes)}"`,
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="notes ??.bin"; filename*=UTF-8''notes%20%E5%B9%B4%E6%8A%A5.bin`,
    });

    const middle = await download(server.url, file.id, token, { range: 'bytes=10-19' });
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe('bytes 10-19/100000');
    expect(middle.headers['content-length']).toBe('10');
    expect(middle.body.equals(bytes.subarray(10, 20))).toBe(true);

    const from = await download(server.url, file.id, token, { range: 'bytes=99990-' });
    expect(from.status).toBe(206);
    expect(from.body.equals(bytes.subarray(99_990))).toBe(true);

    const last = await download(server.url, file.id, token, { range: 'bytes=-5' });
    expect(last.status).toBe(206);
    expect(last.headers['content-range']).toBe('bytes 99995-99999/100000');
    expect(last.body.equals(bytes.subarray(99_995))).toBe(true);

    const outside = await download(server.url, file.id, token, { range: 'bytes=100000-' });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe('bytes */100000');
    expect(outside.json.error.code).toBe('bad_request');

    const head = await download(server.url, file.id, token, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('100000');
    expect(head.body.length).toBe(0);
  });

  it('reads the type from the bytes, never from the name', async () => {
    const image = await uploaded(server.url, token, png(640, 480), 'report.pdf');
    expect(image).toMatchObject({ mime: 'image/png', width: 640, height: 480, name: 'report.pdf' });
    const served = await download(server.url, image.id, token);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['content-disposition']).toMatch(/^inline; /);

    const animation = await uploaded(server.url, token, gif(3, 2), 'a.gif');
    expect(animation).toMatchObject({ mime: 'image/gif', width: 3, height: 2 });

    const document = await uploaded(server.url, token, pdf(), 'picture.png');
    expect(document.mime).toBe('application/pdf');
    expect((await download(server.url, document.id, token)).headers['content-disposition']).toMatch(/^attachment; /);

    // A page named as an image is a download of unknown type, never shown or sniffed as HTML.
    const claimed = await uploadFile(server.url, token, html(), 'cat.png', { 'content-type': 'image/png' });
    expect(claimed.status).toBe(201);
    const page = claimed.json;
    expect(page.mime).toBe('application/octet-stream');
    const servedPage = await download(server.url, page.id, token);
    expect(servedPage.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="cat.png"`,
    });
    expect(servedPage.headers['content-security-policy']).toContain('sandbox');
  });

  it('refuses a bad or missing name, a missing length, and a missing or bad token, storing nothing', async () => {
    const bytes = Buffer.from('hello');
    for (const name of ['', 'a/b', 'a\\b', 'line\nbreak', 'x'.repeat(256)]) {
      const answer = await uploadFile(server.url, token, bytes, name);
      expect(answer.status, name).toBe(400);
      expect(answer.json.error.code).toBe('bad_request');
    }
    const undecodable = await uploadFile(server.url, token, bytes, 'x', { 'x-file-name': '%E0%A4%A' });
    expect(undecodable.status).toBe(400);
    const unnamed = await httpRequest(`${server.url}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-length': 5 },
      body: bytes,
    });
    expect(unnamed.status).toBe(400);
    const chunked = await httpRequest(`${server.url}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'transfer-encoding': 'chunked', 'x-file-name': 'a' },
      body: bytes,
    });
    expect(chunked.status).toBe(411);
    expect(chunked.json.error.code).toBe('bad_request');
    expect((await uploadFile(server.url, 'nope', bytes, 'a')).status).toBe(401);
    expect((await uploaded(server.url, token, Buffer.from('x'.repeat(255)), 'y'.repeat(255))).name).toBe(
      'y'.repeat(255),
    );
    expect(fileRows()).toBe(1);
  });

  it('answers 413 to a file over --max-upload-mb before reading it, leaving nothing behind', async () => {
    const max = 1024 * 1024;
    const over = stalledUpload(server.url, token, max + 1, Buffer.alloc(1000, 1));
    const answer = await over.answer;
    if (answer instanceof Error) throw answer;
    expect(answer.status).toBe(413);
    expect(answer.json.error.code).toBe('too_large');
    expect(answer.headers.connection).toBe('close');
    over.cut();
    // Exactly the cap is fine.
    expect((await uploaded(server.url, token, Buffer.alloc(max, 2), 'max.bin')).size).toBe(max);
    await close();
    expect(fileRows()).toBe(1);
    expect(blobFiles()).toHaveLength(1);
  });

  it('keeps nothing of an upload whose connection drops before its last byte', async () => {
    const cutShort = stalledUpload(server.url, token, 500_000, patterned(200_000));
    await cutShort.written;
    cutShort.cut();
    expect(await cutShort.answer).toBeInstanceOf(Error);
    await close();
    expect(blobFiles()).toEqual([]);
    expect(fileRows()).toBe(0);
  });

  it('states the upload limits in server-info', async () => {
    const info = await httpRequest(`${server.url}/api/server-info`, {});
    expect(info.json.limits).toMatchObject({ maxUploadBytes: 1024 * 1024, attachmentsMax: 10 });
  });
});
