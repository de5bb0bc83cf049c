// Who gets in: open, invite and closed registration over the real HTTP API, invite codes spent
// once per account (also under a race), expiry on the server's clock, roles, and server-info.
import { afterEach, describe, expect, it } from 'vitest';
import { createInvite, type InviteTerms } from '../../server/accounts/invites.js';
import type { ServerOptions } from '../../server/app.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { limits } from '../../protocol/limits.js';
import { postJson, uniqueName } from '../support/clients.js';
import { startTestServer, tempDir, type TestServer } from '../support/server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Partial<ServerOptions>): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

/** An invite written to the data folder before the server opens it. */
async function inviteIn(dataDir: string, terms: Partial<InviteTerms> = {}): Promise<string> {
  const store = new SqliteStore(dataDir);
  try {
    return await createInvite(store, { now: 1_000, ...terms });
  } finally {
    await store.close();
  }
}

function registerWith(server: TestServer, body: Record<string, unknown>) {
  return postJson(`${server.url}/api/register`, { name: uniqueName(), password: 'correct horse', ...body });
}

async function accountsIn(dataDir: string) {
  const store = new SqliteStore(dataDir);
  try {
    return await store.accounts(0, 1000);
  } finally {
    await store.close();
  }
}

describe('registration', () => {
  it('is open on loopback by default', async () => {
    const server = await start({});
    expect((await registerWith(server, {})).status).toBe(201);
  });

  it('in invite mode refuses no code and an unknown code with 403 forbidden, and takes a valid one', async () => {
    const dataDir = tempDir();
    const code = await inviteIn(dataDir);
    const server = await start({ dataDir, registration: 'invite' });
    for (const body of [{}, { invite: 'not-a-code' }]) {
      const { status, body: answer } = await registerWith(server, body);
      expect(status).toBe(403);
      expect(answer).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect((await registerWith(server, { invite: '' })).status).toBe(400);
    expect((await registerWith(server, { invite: code })).status).toBe(201);
    expect((await registerWith(server, { invite: code })).status).toBe(403);
  });

  it('gives a one-use code to exactly one of two registrations racing for it', async () => {
    const dataDir = tempDir();
    const code = await inviteIn(dataDir);
    const server = await start({ dataDir, registration: 'invite' });
    const answers = await Promise.all([registerWith(server, { invite: code }), registerWith(server, { invite: code })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 403]);
    expect(await accountsIn(dataDir)).toHaveLength(1);
  });

  it('keeps the use of a code when the name is taken', async () => {
    const dataDir = tempDir();
    const code = await inviteIn(dataDir, { uses: 2 });
    const server = await start({ dataDir, registration: 'invite' });
    expect((await registerWith(server, { name: 'Ann', invite: code })).status).toBe(201);
    expect((await registerWith(server, { name: 'ANN', invite: code })).status).toBe(409);
    expect((await registerWith(server, { name: 'Bob', invite: code })).status).toBe(201);
    expect((await registerWith(server, { name: 'Cy', invite: code })).status).toBe(403);
  });

  it('accepts a code N times', async () => {
    const dataDir = tempDir();
    const code = await inviteIn(dataDir, { uses: 3 });
    const server = await start({ dataDir, registration: 'invite' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await registerWith(server, { invite: code })).status);
    expect(statuses).toEqual([201, 201, 201, 403]);
  });

  it('refuses an expired code by the server clock', async () => {
    const dataDir = tempDir();
    const code = await inviteIn(dataDir, { expiresAt: 5_000 });
    let now = 4_999;
    const server = await start({ dataDir, registration: 'invite', now: () => now });
    now = 5_000;
    expect((await registerWith(server, { invite: code })).status).toBe(403);
    now = 4_999;
    expect((await registerWith(server, { invite: code })).status).toBe(201);
  });

  it('in closed mode refuses everyone, invite or not', async () => {
    const dataDir = tempDir();
    const code = await inviteIn(dataDir);
    const server = await start({ dataDir, registration: 'closed' });
    for (const body of [{}, { invite: code }]) {
      const { status, body: answer } = await registerWith(server, body);
      expect(status).toBe(403);
      expect(answer).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(await accountsIn(dataDir)).toEqual([]);
  });

  it('defaults to invite on a non-loopback address', async () => {
    const server = await start({ host: '0.0.0.0' });
    const info = await fetch(`http://127.0.0.1:${server.port}/api/server-info`);
    expect(((await info.json()) as { registration: string }).registration).toBe('invite');
  });
});

describe('GET /api/server-info', () => {
  it('takes only GET (and HEAD)', async () => {
    const server = await start({});
    const posted = await postJson(`${server.url}/api/server-info`, {});
    expect(posted.status).toBe(405);
    expect((await fetch(`${server.url}/api/server-info`, { method: 'HEAD' })).status).toBe(200);
  });

  it('tells the registration mode and the limits, without signing in', async () => {
    for (const registration of ['open', 'invite', 'closed'] as const) {
      const server = await start({ registration });
      const response = await fetch(`${server.url}/api/server-info`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        registration,
        limits: {
          nameMaxCodePoints: limits.nameMaxCodePoints,
          passwordMinCodePoints: limits.passwordMinCodePoints,
          passwordMaxCodePoints: limits.passwordMaxCodePoints,
          contentMaxCodePoints: limits.contentMaxCodePoints,
          maxUploadBytes: limits.defaultMaxUploadMb * 1024 * 1024,
          attachmentsMax: limits.attachmentsMax,
        },
      });
    }
  });
});

describe('roles', () => {
  it('makes the first account admin and the next ones members', async () => {
    const dataDir = tempDir();
    const server = await start({ dataDir });
    await registerWith(server, { name: 'First' });
    await registerWith(server, { name: 'Second' });
    await server.close();
    servers.splice(0);
    expect(await accountsIn(dataDir)).toMatchObject([
      { id: 1, name: 'First', role: 'admin' },
      { id: 2, name: 'Second', role: 'member' },
    ]);
  });

  it('makes --admin an admin when they register, and promotes them at start when they exist', async () => {
    const dataDir = tempDir();
    let server = await start({ dataDir, admin: 'boss' });
    await registerWith(server, { name: 'First' });
    await registerWith(server, { name: 'Boss' });
    await registerWith(server, { name: 'Later' });
    await server.close();
    servers.splice(0);
    expect((await accountsIn(dataDir)).map((user) => user.role)).toEqual(['admin', 'admin', 'member']);
    server = await start({ dataDir, admin: 'LATER' });
    await server.close();
    servers.splice(0);
    expect((await accountsIn(dataDir)).map((user) => user.role)).toEqual(['admin', 'admin', 'admin']);
  });
});
