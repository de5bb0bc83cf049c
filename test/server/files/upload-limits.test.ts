// The bounds of one user's uploads (docs/protocol.md, "Files and avatars"): 4 at once, 1,000
// unattached, and an upload that sends nothing for 30 s is ended (timers the test moves).
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { register } from '../../support/clients.js';
import { filesUnder, stalledUpload, uploaded, uploadFile } from '../../support/files.js';
import { ManualTimers } from '../../support/manual-timers.js';
import { startTestServer, tempDir, type TestServer } from '../../support/server.js';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('upload bounds', () => {
  it('runs at most 4 uploads of one user at once; another user is not held back', async () => {
    const uploadTimers = new ManualTimers();
    server = await startTestServer({ uploadTimers });
    const alice = await register(server.url);
    const running = Array.from({ length: 4 }, () => stalledUpload(server!.url, alice.token, 10, Buffer.from('12345')));
    // Each running upload has its idle timer: all 4 are counted once 4 timers wait.
    while (uploadTimers.waiting < 4) await uploadTimers.nextTimer();
    const fifth = await uploadFile(server.url, alice.token, Buffer.from('x'), 'fifth.txt');
    expect(fifth.status).toBe(429);
    expect(fifth.json.error).toMatchObject({ code: 'rate_limited', retryAfterMs: 1000 });
    const bob = await register(server.url);
    expect((await uploaded(server.url, bob.token, Buffer.from('x'), 'bob.txt')).size).toBe(1);
    // The stalled ones finish normally once their bytes come.
    for (const upload of running) upload.request.end(Buffer.from('67890'));
    for (const upload of running) expect(await upload.answer).toMatchObject({ status: 201 });
    expect((await uploaded(server.url, alice.token, Buffer.from('x'), 'sixth.txt')).size).toBe(1);
  });

  it('refuses a 1,001st unattached upload with a clear message', async () => {
    const dataDir = tempDir();
    const store = new SqliteStore(dataDir);
    server = await startTestServer({ dataDir, store });
    const alice = await register(server.url);
    for (let i = 0; i < 1000; i++) {
      await store.createFile({
        id: `f${i}`,
        name: `${i}.txt`,
        size: 1,
        mime: 'text/plain',
        sha256: '0'.repeat(64),
        uploader: alice.user.id,
        blobKey: `k${i}`,
        createdAt: 1,
      });
    }
    const refused = await uploadFile(server.url, alice.token, Buffer.from('x'), 'one-more.txt');
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    expect(refused.json.error.message).toMatch(/1000 uploaded files not sent/);
  });

  it('ends an upload that sends nothing for 30 s, keeping nothing of it', async () => {
    const uploadTimers = new ManualTimers();
    server = await startTestServer({ uploadTimers });
    const alice = await register(server.url);

    // 29.999 s of silence is allowed, and each byte starts the 30 s again.
    let armed = uploadTimers.nextTimer();
    const slow = stalledUpload(server.url, alice.token, 6, Buffer.alloc(0), 'slow.txt');
    await armed;
    uploadTimers.advance(29_999);
    armed = uploadTimers.nextTimer();
    slow.request.write('abc');
    await armed;
    uploadTimers.advance(29_999);
    slow.request.end('def');
    expect(await slow.answer).toMatchObject({ status: 201 });

    armed = uploadTimers.nextTimer();
    const silent = stalledUpload(server.url, alice.token, 6, Buffer.alloc(0), 'silent.txt');
    await armed;
    armed = uploadTimers.nextTimer();
    silent.request.write('abc');
    await armed;
    uploadTimers.advance(30_000);
    expect(await silent.answer).toMatchObject({
      status: 408,
      headers: { connection: 'close' },
      json: { error: { code: 'bad_request' } },
    });
    const folder = path.join(server.dataDir, 'files');
    await server.close();
    server = undefined;
    // Only the slow one's blob: no blob and no temp file of the silent one.
    expect(filesUnder(folder)).toHaveLength(1);
  });
});
