// Before sign-in: what a server allows (GET /api/server-info through the core's request), and
// registering with an invite code on an invite-only server. Real servers; a fake one only
// for a server too old to know server-info.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceLabel } from '../../../../main/core/account/device-label.js';
import { limits } from '../../../../protocol/limits.js';
import { codePoints } from '../../../../protocol/text.js';
import { createInvite } from '../../../../server/accounts/invites.js';
import { SqliteStore } from '../../../../server/store/sqlite/sqlite-store.js';
import { uniqueName } from '../../../support/clients.js';
import { TestCore, testPassword as password } from '../../../support/cores.js';
import { startTestServer, tempDir, type TestServer } from '../../../support/server.js';

const closing: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const thing of closing.splice(0).reverse()) await thing.close();
});

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const started = await startTestServer(options);
  closing.push(started);
  return started;
}

async function core(): Promise<TestCore> {
  const opened = await TestCore.open();
  closing.push({
    close: async () => {
      await opened.close();
      fs.rmSync(opened.profileDir, { recursive: true, force: true });
    },
  });
  return opened;
}

async function codeOf(error: Promise<unknown>): Promise<string> {
  return error.then(
    () => 'no error',
    (thrown: { code: string }) => thrown.code,
  );
}

describe('server-info', () => {
  it("tells an open server's registration mode and limits", async () => {
    const open = await server({ registration: 'open' });
    expect(await (await core()).call('serverInfo', { serverUrl: open.url })).toEqual({
      registration: 'open',
      limits: {
        nameMaxCodePoints: limits.nameMaxCodePoints,
        passwordMinCodePoints: limits.passwordMinCodePoints,
        passwordMaxCodePoints: limits.passwordMaxCodePoints,
        contentMaxCodePoints: limits.contentMaxCodePoints,
        // The file limits reach the core (staging refuses what the server would).
        maxUploadBytes: limits.defaultMaxUploadMb * 1024 * 1024,
        attachmentsMax: limits.attachmentsMax,
      },
    });
  });

  it('registers on an invite-only server with a code, and not without one', async () => {
    const dataDir = tempDir();
    const store = new SqliteStore(dataDir);
    const invite = await createInvite(store, { now: Date.now() });
    await store.close();
    const invited = await server({ registration: 'invite', dataDir });
    const client = await core();
    expect((await client.call('serverInfo', { serverUrl: invited.url })).registration).toBe('invite');
    const input = { serverUrl: invited.url, name: uniqueName('Ivy'), password };
    expect(await codeOf(client.call('register', input))).toBe('forbidden');
    const account = await client.call('register', { ...input, invite });
    expect(account.user.name).toBe(input.name);
    await client.waitFor((e) => e.event === 'connection' && e.payload === 'online');
    // The code was for one account.
    const other = await core();
    const second = { serverUrl: invited.url, name: uniqueName('Ivan'), password, invite };
    expect(await codeOf(other.call('register', second))).toBe('forbidden');
  });

  it('reads a server too old to know server-info (404) as open', async () => {
    const old = http.createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'Not found.' } }));
    });
    await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve));
    closing.push({ close: () => new Promise<void>((resolve) => old.close(() => resolve())) });
    const url = `http://127.0.0.1:${(old.address() as AddressInfo).port}`;
    const info = await (await core()).call('serverInfo', { serverUrl: url });
    expect(info.registration).toBe('open');
    expect(info.limits.nameMaxCodePoints).toBe(limits.nameMaxCodePoints);
  });

  it('refuses a server address that is not one before asking', async () => {
    expect(await codeOf((await core()).call('serverInfo', { serverUrl: 'ftp://example.com' }))).toBe('bad_request');
  });
});

describe('device label', () => {
  it('names the app, the system and the computer, in at most 64 code points without control characters', () => {
    expect(deviceLabel('linux', 'desk')).toBe('Messenger on Linux (desk)');
    expect(deviceLabel('win32', '')).toBe('Messenger on Windows');
    expect(deviceLabel('darwin', 'a\u0007b')).toBe('Messenger on macOS (ab)');
    const long = deviceLabel('linux', '电'.repeat(100));
    expect(codePoints(long)).toBe(64);
    expect(long.endsWith('…)')).toBe(true);
  });
});
