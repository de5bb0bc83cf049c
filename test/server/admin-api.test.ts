// The administrators' endpoints under /api/admin/ (docs/protocol.md §5, Administration), with a
// real server, real sockets and real HTTP: who may call them, what each does, and its errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedUser } from '../../protocol/contract.js';
import { ok } from '../support/chat-helpers.js';
import { connect, postJson, register, uniqueName, type ClientSocket } from '../support/clients.js';
import { whenDisconnected } from '../support/raw-sockets.js';
import { startTestServer, tempDir, type TestServer } from '../support/server.js';
import { hashPassword } from '../../server/accounts/passwords.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';

let server: TestServer;
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server.close();
});

async function call(method: string, path: string, token: string | undefined, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, allow: response.headers.get('allow') };
}

const login = (name: string, password: string) => postJson(`${server.url}/api/login`, { name, password });

async function online(token: string): Promise<ClientSocket> {
  const socket = await connect(server.url, token);
  sockets.push(socket);
  return socket;
}

describe('admin endpoints', () => {
  let admin: { id: number; token: string; name: string };
  let member: { id: number; token: string; name: string };

  beforeEach(async () => {
    server = await startTestServer();
    const first = await register(server.url, uniqueName('admin'));
    const second = await register(server.url, uniqueName('member'));
    admin = { id: first.user.id, token: first.token, name: first.user.name };
    member = { id: second.user.id, token: second.token, name: second.user.name };
  });

  it('answer 401 without a valid token and 403 for a member, and do nothing', async () => {
    for (const [method, path] of [
      ['GET', '/api/admin/users'],
      ['POST', `/api/admin/users/${member.id}/deactivate`],
      ['GET', '/api/admin/invites'],
    ] as const) {
      expect((await call(method, path, undefined)).status, path).toBe(401);
      expect((await call(method, path, 'not-a-token')).status, path).toBe(401);
      const refused = await call(method, path, member.token);
      expect(refused, path).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    }
    expect((await call('POST', `/api/admin/users/${admin.id}/demote`, member.token)).status).toBe(403);
    expect((await call('GET', '/api/admin/users', admin.token)).body.users.map((u: ManagedUser) => u.role)).toEqual([
      'admin',
      'member',
    ]);
  });

  it('list users by id in pages, with role, state and dates, and refuse a bad limit or cursor', async () => {
    await register(server.url, uniqueName('third'));
    const first = await call('GET', '/api/admin/users?limit=2', admin.token);
    expect(first.status).toBe(200);
    expect(first.body.users).toEqual([
      expect.objectContaining({ id: admin.id, name: admin.name, role: 'admin', state: 'active' }),
      expect.objectContaining({ id: member.id, role: 'member', state: 'active' }),
    ]);
    expect(typeof first.body.users[0].createdAt).toBe('number');
    expect(first.body.next).toBe(String(member.id));
    const rest = await call('GET', `/api/admin/users?after=${first.body.next}&limit=2`, admin.token);
    expect(rest.body.users).toHaveLength(1);
    expect(rest.body.next).toBeUndefined();
    for (const query of ['limit=0', 'limit=501', 'limit=x', 'after=-1', 'after=abc']) {
      const refused = await call('GET', `/api/admin/users?${query}`, admin.token);
      expect(refused, query).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    }
  });

  it('deactivate: the user’s sockets are disconnected, their token and their login refused, until reactivated', async () => {
    const socket = await online(member.token);
    const watcher = await online(admin.token);
    const disconnected = whenDisconnected(socket);
    const answer = await call('POST', `/api/admin/users/${member.id}/deactivate`, admin.token);
    expect(answer).toMatchObject({ status: 200, body: { user: { id: member.id, state: 'deactivated' } } });
    expect(await disconnected).toBe('io server disconnect');
    await expect(connect(server.url, member.token)).rejects.toThrow('unauthorized');
    expect((await call('GET', '/api/admin/users', member.token)).status).toBe(401);
    expect(await login(member.name, 'correct horse')).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', message: 'This account has been deactivated by an administrator.' } },
    });
    expect((await login(member.name, 'wrong horse')).status).toBe(401);
    // Hidden from the directory, still listed for the administrator.
    expect((await ok(watcher, 'users:list', {})).users).toEqual([]);
    expect((await call('GET', '/api/admin/users', admin.token)).body.users[1].state).toBe('deactivated');

    expect(await call('POST', `/api/admin/users/${member.id}/reactivate`, admin.token)).toMatchObject({
      status: 200,
      body: { user: { state: 'active' } },
    });
    const again = await login(member.name, 'correct horse');
    expect(again.status).toBe(200);
    await online(again.body.token);
  });

  it('users:list pages past hidden deactivated users and lists every active one once', async () => {
    const others = [];
    for (let i = 0; i < 5; i++) others.push(await register(server.url, `page${i}`));
    for (const hidden of [others[1]!, others[2]!, others[4]!]) {
      expect((await call('POST', `/api/admin/users/${hidden.user.id}/deactivate`, admin.token)).status).toBe(200);
    }
    const socket = await online(admin.token);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await ok(socket, 'users:list', after === undefined ? { limit: 1 } : { limit: 1, after });
      seen.push(...page.users.map((user: { name: string }) => user.name));
      after = page.next;
    } while (after !== undefined);
    expect(seen.sort()).toEqual([member.name, 'page0', 'page3'].sort());
  });

  it('reset-password: a one-time password that signs in, and every earlier session ended', async () => {
    const socket = await online(member.token);
    const disconnected = whenDisconnected(socket);
    const answer = await call('POST', `/api/admin/users/${member.id}/reset-password`, admin.token);
    expect(answer).toMatchObject({ status: 200, body: { user: { id: member.id, state: 'active' } } });
    expect(answer.body.password).toMatch(/^[\w-]{16}$/);
    expect(await disconnected).toBe('io server disconnect');
    await expect(connect(server.url, member.token)).rejects.toThrow('unauthorized');
    expect((await login(member.name, 'correct horse')).status).toBe(401);
    expect((await login(member.name, answer.body.password)).status).toBe(200);
  });

  it('promote and demote, refusing to leave no active admin (409), and 404 for an unknown user', async () => {
    expect(await call('POST', `/api/admin/users/${admin.id}/demote`, admin.token)).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict' } },
    });
    expect((await call('POST', `/api/admin/users/${admin.id}/deactivate`, admin.token)).status).toBe(409);
    expect((await call('GET', '/api/admin/users', admin.token)).status).toBe(200);
    expect(await call('POST', `/api/admin/users/${member.id}/promote`, admin.token)).toMatchObject({
      status: 200,
      body: { user: { role: 'admin' } },
    });
    // The new admin demotes the old one, who is a member from then on.
    expect((await call('POST', `/api/admin/users/${admin.id}/demote`, member.token)).status).toBe(200);
    expect((await call('GET', '/api/admin/users', admin.token)).status).toBe(403);
    for (const path of ['/api/admin/users/999999/promote', '/api/admin/users/999999/sessions']) {
      expect(await call(path.endsWith('sessions') ? 'GET' : 'POST', path, member.token)).toMatchObject({
        status: 404,
        body: { error: { code: 'not_found' } },
      });
    }
    for (const path of [`/api/admin/users/${admin.id}/explode`, '/api/admin/users/0/promote', '/api/admin/nothing']) {
      expect((await call('POST', path, member.token)).status, path).toBe(404);
    }
    expect(await call('GET', `/api/admin/users/${admin.id}/promote`, member.token)).toMatchObject({
      status: 405,
      allow: 'POST',
    });
  });

  it('create a user with a one-time password (201), refusing a taken or bad name', async () => {
    const name = uniqueName('made');
    const made = await call('POST', '/api/admin/users', admin.token, { name });
    expect(made).toMatchObject({ status: 201, body: { user: { name, role: 'member', state: 'active' } } });
    expect((await login(name, made.body.password)).status).toBe(200);
    expect(await call('POST', '/api/admin/users', admin.token, { name: name.toUpperCase() })).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict' } },
    });
    for (const body of [{ name: '' }, { name: 'x'.repeat(40) }, {}, { name: 5 }]) {
      expect((await call('POST', '/api/admin/users', admin.token, body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('list a user’s sessions', async () => {
    await login(member.name, 'correct horse');
    const listed = await call('GET', `/api/admin/users/${member.id}/sessions`, admin.token);
    expect(listed.status).toBe(200);
    expect(listed.body.sessions).toHaveLength(2);
    expect(listed.body.sessions[0]).toEqual({
      id: expect.any(String),
      device: expect.any(String),
      createdAt: expect.any(Number),
      lastSeenAt: expect.any(Number),
    });
  });
});

describe('admin invites', () => {
  it('make, list and revoke invites; a used-up or revoked code registers nobody', async () => {
    // An invite-only server whose first admin was made on the data (as `npm run admin` would).
    const store = new SqliteStore(tempDir());
    await store.createUser('Boss', 'boss', await hashPassword('correct horse'), Date.now());
    server = await startTestServer({ registration: 'invite', store });
    const { token } = (await login('Boss', 'correct horse')).body;
    const registerWith = (invite: string) =>
      postJson(`${server.url}/api/register`, { name: uniqueName('new'), password: 'correct horse', invite });

    expect((await call('POST', '/api/admin/invites', undefined, {})).status).toBe(401);
    const single = await call('POST', '/api/admin/invites', token);
    expect(single).toMatchObject({ status: 201, body: { invite: { usesLeft: 1, expiresAt: null } } });
    const double = await call('POST', '/api/admin/invites', token, { uses: 2, expiresInMs: 3_600_000 });
    expect(double.body.invite).toMatchObject({ usesLeft: 2, expiresAt: expect.any(Number) });
    expect((await call('GET', '/api/admin/invites', token)).body.invites).toEqual([
      double.body.invite,
      single.body.invite,
    ]);
    for (const body of [{ uses: 0 }, { uses: 1_000_001 }, { expiresInMs: 59_999 }, { uses: 1.5 }]) {
      expect((await call('POST', '/api/admin/invites', token, body)).status, JSON.stringify(body)).toBe(400);
    }

    expect((await registerWith(single.body.code)).status).toBe(201);
    expect((await registerWith(single.body.code)).status).toBe(403);
    expect((await call('GET', '/api/admin/invites', token)).body.invites).toEqual([double.body.invite]);
    expect((await call('DELETE', `/api/admin/invites/${double.body.invite.id}`, token)).status).toBe(204);
    expect((await registerWith(double.body.code)).status).toBe(403);
    expect((await call('GET', '/api/admin/invites', token)).body.invites).toEqual([]);
    expect(await call('DELETE', `/api/admin/invites/${double.body.invite.id}`, token)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
    expect((await call('DELETE', '/api/admin/invites/short', token)).status).toBe(404);
  });
});
