// Self-service accounts against a real server: sessions (device, list, end, idle expiry, the
// per-user cap), password change, rename with user:updated, account deletion, inactive users.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { PasswordHasher } from '../../server/accounts/hashing-queue.js';
import type { ServerOptions } from '../../server/app.js';
import { numbered } from '../../server/store/sql/statements.js';
import { databaseFileName } from '../../server/store/sqlite/sqlite-store.js';
import { limits } from '../../protocol/limits.js';
import { TestClock } from '../support/chat-helpers.js';
import { connect, EventLog, postJson, register, request, uniqueName, type ClientSocket } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';

const password = 'correct horse';
const dayMs = 24 * 60 * 60 * 1000;

/** Compares plainly: sessions, not scrypt, are under test, and a hundred scrypt runs are slow. */
const quickHasher: PasswordHasher = {
  hash: (text) => Promise.resolve(`plain$${text}`),
  verify: (text, stored) => Promise.resolve(stored === `plain$${text}`),
};

let server: TestServer | undefined;
const sockets: ClientSocket[] = [];
const clock = new TestClock();

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server?.close();
  server = undefined;
});

async function start(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  server = await startTestServer({ now: clock.now, passwordHasher: quickHasher, ...options });
  return server;
}

async function call(method: string, url: string, token: string, body?: unknown) {
  const response = await fetch(`${server!.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function login(name: string, device?: string, secret = password) {
  return postJson(`${server!.url}/api/login`, { name, password: secret, ...(device === undefined ? {} : { device }) });
}

async function socketOf(token: string): Promise<{ socket: ClientSocket; log: EventLog }> {
  let log: EventLog | undefined;
  const socket = await connect(server!.url, token, (s) => (log = new EventLog(s)));
  sockets.push(socket);
  return { socket, log: log! };
}

function disconnected(socket: ClientSocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', resolve));
}

async function refusedAtConnect(token: string): Promise<string> {
  return connect(server!.url, token).then(
    () => 'connected',
    (error: Error) => error.message,
  );
}

/** Runs SQL (with `?` placeholders) on the server's database: the SQLite file, or PostgreSQL in the cluster run. */
async function rows(text: string, values: unknown[] = []): Promise<unknown[]> {
  if (server!.dbUrl) {
    const client = new pg.Client({ connectionString: server!.dbUrl });
    await client.connect();
    try {
      return (await client.query(numbered(text), values)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(path.join(server!.dataDir, databaseFileName));
  try {
    const statement = db.prepare(text);
    return statement.reader ? statement.all(...values) : (statement.run(...values), []);
  } finally {
    db.close();
  }
}

describe('sessions', () => {
  it('lists the sessions with their device labels, newest use first, marking the caller', async () => {
    await start();
    const name = uniqueName('dev');
    const first = await register(server!.url, name, password);
    clock.advance(1000);
    const laptop = await login(name, 'Laptop ✓');
    expect(laptop.status).toBe(200);
    expect(laptop.body.user.role).toBeDefined();
    const { status, body } = await call('GET', '/api/account/sessions', laptop.body.token);
    expect(status).toBe(200);
    expect(body.sessions).toHaveLength(2);
    expect(body.sessions[0]).toMatchObject({ device: 'Laptop ✓', current: true });
    expect(body.sessions[1]).toMatchObject({ device: '' });
    expect(body.sessions[1].current).toBeUndefined();
    expect(body.sessions[0].id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    // The registration's session, seen from its own token, is the current one there.
    const fromFirst = await call('GET', '/api/account/sessions', first.token);
    expect(fromFirst.body.sessions.find((s: { current?: boolean }) => s.current).id).toBe(body.sessions[1].id);
  });

  it('refuses a device label that is too long or holds control characters, creating no session', async () => {
    await start();
    const name = uniqueName('dev');
    const { token } = await register(server!.url, name, password);
    expect((await login(name, 'x'.repeat(limits.deviceMaxCodePoints + 1))).status).toBe(400);
    expect((await login(name, 'tab\there')).status).toBe(400);
    expect((await login(name, 'x'.repeat(limits.deviceMaxCodePoints))).status).toBe(200);
    expect((await call('GET', '/api/account/sessions', token)).body.sessions).toHaveLength(2);
  });

  it('labels the session a registration makes, and refuses a bad label there creating nobody', async () => {
    await start();
    const name = uniqueName('reg');
    const bad = await postJson(`${server!.url}/api/register`, { name, password, device: 'bell\u0007' });
    expect(bad.status).toBe(400);
    const made = await postJson(`${server!.url}/api/register`, { name, password, device: 'Desk PC' });
    expect(made.status).toBe(201);
    const { body } = await call('GET', '/api/account/sessions', made.body.token);
    expect(body.sessions).toEqual([expect.objectContaining({ device: 'Desk PC', current: true })]);
  });

  it('ends one session by id: its socket is disconnected and its token refused; another user cannot', async () => {
    await start();
    const name = uniqueName('end');
    const keep = await register(server!.url, name, password);
    const phone = (await login(name, 'Phone')).body.token as string;
    const { socket } = await socketOf(phone);
    const gone = disconnected(socket);
    const other = await register(server!.url, uniqueName('other'), password);
    const list = (await call('GET', '/api/account/sessions', keep.token)).body.sessions;
    const phoneId = list.find((s: { device: string }) => s.device === 'Phone').id;

    expect((await call('DELETE', `/api/account/sessions/${phoneId}`, other.token)).status).toBe(404);
    expect((await call('DELETE', '/api/account/sessions/no-such-id', keep.token)).status).toBe(404);
    expect((await call('DELETE', `/api/account/sessions/${phoneId}`, keep.token)).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect((await call('GET', '/api/account', phone)).status).toBe(401);
    expect(await refusedAtConnect(phone)).toBe('unauthorized');
    expect((await call('GET', '/api/account', keep.token)).status).toBe(200);
  });

  it('ends every other session: their sockets go, this one stays', async () => {
    await start();
    const name = uniqueName('others');
    const keep = await register(server!.url, name, password);
    const a = (await login(name, 'A')).body.token as string;
    const b = (await login(name, 'B')).body.token as string;
    const [sa, sb, mine] = await Promise.all([socketOf(a), socketOf(b), socketOf(keep.token)]);
    const gone = Promise.all([disconnected(sa.socket), disconnected(sb.socket)]);
    const { status, body } = await call('POST', '/api/account/sessions/end-others', keep.token);
    expect({ status, body }).toEqual({ status: 200, body: { ended: 2 } });
    await gone;
    expect((await call('GET', '/api/account', a)).status).toBe(401);
    expect((await call('GET', '/api/account/sessions', keep.token)).body.sessions).toHaveLength(1);
    // The caller's own socket still answers.
    expect((await request(mine.socket, 'chats:list')).ok).toBe(true);
  });

  it('ends a session idle longer than --session-idle-days, and prunes it at the next start', async () => {
    await start({ sessionIdleDays: 2 });
    const name = uniqueName('idle');
    const idle = await register(server!.url, name, password);
    clock.advance(dayMs);
    const used = (await login(name)).body.token as string;
    clock.advance(dayMs + 1);
    // `idle` was last used 2 days + 1 ms ago; `used` 1 day + 1 ms ago.
    expect((await call('GET', '/api/account', idle.token)).status).toBe(401);
    expect(await refusedAtConnect(idle.token)).toBe('unauthorized');
    expect((await call('GET', '/api/account', used)).status).toBe(200);
    const { dataDir } = server!;
    await server!.close();
    server = await startTestServer({ dataDir, now: clock.now, passwordHasher: quickHasher, sessionIdleDays: 2 });
    expect(await rows('SELECT CAST(count(*) AS INTEGER) AS n FROM sessions')).toEqual([{ n: 1 }]);
    // A use keeps it alive: it was touched at the request a day ago.
    clock.advance(dayMs);
    expect((await call('GET', '/api/account', used)).status).toBe(200);
  });

  it('keeps at most 100 sessions per user: the 101st login ends the least recently used', async () => {
    await start();
    const name = uniqueName('many');
    const oldest = await register(server!.url, name, password);
    const { socket } = await socketOf(oldest.token);
    const gone = disconnected(socket);
    clock.advance(1);
    const tokens: string[] = [];
    for (let i = 0; i < limits.maxSessionsPerUser - 1; i++) {
      clock.advance(1);
      tokens.push((await login(name, `d${i}`)).body.token as string);
    }
    expect((await call('GET', '/api/account/sessions', tokens[0]!)).body.sessions).toHaveLength(100);
    // A use of d0 (past the 10-minute touch interval) makes it the most recent; the
    // registration's session stays the least recently used, so the 101st login ends it.
    clock.advance(11 * 60 * 1000);
    expect((await call('GET', '/api/account', tokens[0]!)).status).toBe(200);
    const last = (await login(name, 'last')).body.token as string;
    expect(await gone).toBe('io server disconnect');
    expect((await call('GET', '/api/account', oldest.token)).status).toBe(401);
    const list = (await call('GET', '/api/account/sessions', last)).body.sessions;
    expect(list).toHaveLength(100);
    // tokens[0] was used after the others: it survives; tokens[1] is now the least recent.
    expect(list.map((s: { device: string }) => s.device)).toContain('d0');
    const next = (await login(name, 'next')).body.token as string;
    expect((await call('GET', '/api/account', tokens[1]!)).status).toBe(401);
    expect((await call('GET', '/api/account', tokens[0]!)).status).toBe(200);
    expect((await call('GET', '/api/account', next)).status).toBe(200);
  });
});

describe('password change', () => {
  it('needs the current password, ends the other sessions and keeps this one', async () => {
    await start();
    const name = uniqueName('pw');
    const me = await register(server!.url, name, password);
    const other = (await login(name, 'Other')).body.token as string;
    const [theirs, mine] = await Promise.all([socketOf(other), socketOf(me.token)]);
    const gone = disconnected(theirs.socket);

    const wrong = await call('POST', '/api/account/password', me.token, {
      current: 'not it!!',
      password: 'new secret',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('forbidden');
    const short = await call('POST', '/api/account/password', me.token, { current: password, password: 'short' });
    expect(short.status).toBe(400);
    expect((await login(name)).status).toBe(200);

    const changed = await call('POST', '/api/account/password', me.token, {
      current: password,
      password: 'new secret',
    });
    expect(changed.status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect((await call('GET', '/api/account', other)).status).toBe(401);
    expect((await request(mine.socket, 'chats:list')).ok).toBe(true);
    expect((await login(name)).status).toBe(401);
    expect((await login(name, undefined, 'new secret')).status).toBe(200);
  });
});

describe('rename', () => {
  async function pair() {
    const me = await register(server!.url, uniqueName('me'), password);
    const peer = await register(server!.url, uniqueName('peer'), password);
    const [mine, theirs] = await Promise.all([socketOf(me.token), socketOf(peer.token)]);
    const sent = await request(mine.socket, 'message:send', { to: peer.user.id, clientId: 'c1', content: 'hi' });
    expect(sent.ok).toBe(true);
    return { me, peer, mine, theirs };
  }

  it('changes the shown name, tells the peer and the own sockets, and keeps the login name', async () => {
    await start();
    const { me, peer, mine, theirs } = await pair();
    const newName = uniqueName('Renamed');
    const { status, body } = await call('POST', '/api/account/name', me.token, { name: newName });
    expect(status).toBe(200);
    expect(body).toEqual({ id: me.user.id, name: newName, role: expect.any(String), readReceipts: true });
    const update = { id: me.user.id, name: newName };
    expect(await theirs.log.waitFor('user:updated')).toEqual(update);
    expect(await mine.log.waitFor('user:updated')).toEqual(update);
    const chats = await request(theirs.socket, 'chats:list');
    expect(chats.chats.find((c: { who: number }) => c.who === me.user.id).name).toBe(newName);
    expect((await call('GET', '/api/account', me.token)).body.name).toBe(newName);
    expect((await login(me.user.name)).status).toBe(200);
    expect((await login(newName)).status).toBe(401);
    // Nobody else can now register the new name, nor the old one.
    expect((await postJson(`${server!.url}/api/register`, { name: newName, password })).status).toBe(409);
    expect((await postJson(`${server!.url}/api/register`, { name: me.user.name, password })).status).toBe(409);
    expect(peer.user.id).not.toBe(me.user.id);
  });

  it('refuses a taken or look-alike name (409) and a bad one (400), changing nothing', async () => {
    await start();
    const me = await register(server!.url, uniqueName('me'), password);
    const taken = await register(server!.url, 'Paypal', password);
    expect((await call('POST', '/api/account/name', me.token, { name: 'PAYPAL' })).status).toBe(409);
    // Cyrillic а looks like Latin a.
    expect((await call('POST', '/api/account/name', me.token, { name: 'P\u0430ypal' })).status).toBe(409);
    expect((await call('POST', '/api/account/name', me.token, { name: ' padded' })).status).toBe(400);
    expect((await call('POST', '/api/account/name', me.token, {})).status).toBe(400);
    expect((await call('GET', '/api/account', me.token)).body.name).toBe(me.user.name);
    expect(taken.user.name).toBe('Paypal');
  });

  it('is a no-op for the same name, and allows 10 renames an hour (429 with retryAfterMs)', async () => {
    await start();
    const me = await register(server!.url, uniqueName('me'), password);
    for (let i = 0; i < 12; i++) {
      expect((await call('POST', '/api/account/name', me.token, { name: me.user.name })).status).toBe(200);
    }
    for (let i = 0; i < limits.renamesPerHour; i++) {
      expect((await call('POST', '/api/account/name', me.token, { name: `${me.user.name}x${i}` })).status).toBe(200);
    }
    const refused = await call('POST', '/api/account/name', me.token, { name: `${me.user.name}y` });
    expect(refused.status).toBe(429);
    expect(refused.body.error.retryAfterMs).toBe(60 * 60 * 1000);
    clock.advance(60 * 60 * 1000 + 1);
    expect((await call('POST', '/api/account/name', me.token, { name: `${me.user.name}y` })).status).toBe(200);
  });
});

describe('account deletion', () => {
  it('needs the password; then the peer is told, keeps the messages under "Deleted user", and the name is free', async () => {
    await start();
    await register(server!.url, uniqueName('admin'), password); // the first user: the admin
    const name = uniqueName('gone');
    const me = await register(server!.url, name, password);
    const peer = await register(server!.url, uniqueName('peer'), password);
    const [mine, theirs] = await Promise.all([socketOf(me.token), socketOf(peer.token)]);
    expect((await request(mine.socket, 'message:send', { to: peer.user.id, clientId: 'c1', content: 'bye' })).ok).toBe(
      true,
    );
    expect((await request(theirs.socket, 'message:send', { to: me.user.id, clientId: 'c2', content: 'ok' })).ok).toBe(
      true,
    );

    const wrong = await call('POST', '/api/account/delete', me.token, { password: 'not it!!' });
    expect(wrong.status).toBe(403);
    expect((await call('GET', '/api/account', me.token)).status).toBe(200);

    const gone = disconnected(mine.socket);
    expect((await call('POST', '/api/account/delete', me.token, { password })).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect(await theirs.log.waitFor('user:updated')).toEqual({ id: me.user.id, name: 'Deleted user', deleted: true });
    expect((await call('GET', '/api/account', me.token)).status).toBe(401);
    expect(await refusedAtConnect(me.token)).toBe('unauthorized');
    expect((await login(name)).status).toBe(401);

    const history = await request(theirs.socket, 'chat:history', { who: me.user.id });
    expect(history.messages.map((m: { name: string; content: string }) => [m.name, m.content])).toEqual([
      ['Deleted user', 'bye'],
      [peer.user.name, 'ok'],
    ]);
    const chats = await request(theirs.socket, 'chats:list');
    expect(chats.chats.find((c: { who: number }) => c.who === me.user.id).name).toBe('Deleted user');

    const count = (table: string, column: string) =>
      rows(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${table} WHERE ${column} = ?`, [me.user.id]);
    expect(await count('chats', 'owner')).toEqual([{ n: 0 }]);
    expect(await count('sessions', 'user_id')).toEqual([{ n: 0 }]);
    expect(await rows('SELECT state, name_skeleton FROM users WHERE id = ?', [me.user.id])).toEqual([
      { state: 'deleted', name_skeleton: null },
    ]);
    // Nobody can open a chat with the deleted account or write to it any more.
    const fresh = await register(server!.url, uniqueName('fresh'), password);
    const freshSocket = (await socketOf(fresh.token)).socket;
    expect(await request(freshSocket, 'chat:open', { who: me.user.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      await request(theirs.socket, 'message:send', { to: me.user.id, clientId: 'c3', content: 'hello?' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const again = await register(server!.url, name, password);
    expect(again.user.id).not.toBe(me.user.id);
  });

  it('refuses the only active administrator (409), and takes them once someone else is one', async () => {
    await start();
    const first = await register(server!.url, uniqueName('first'), password);
    const other = await register(server!.url, uniqueName('other'), password);
    expect(first.user.role).toBe('admin');
    const refused = await call('POST', '/api/account/delete', first.token, { password });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'conflict' } });
    expect((await call('GET', '/api/account', first.token)).status).toBe(200);

    expect((await call('POST', `/api/admin/users/${other.user.id}/promote`, first.token)).status).toBe(200);
    expect((await call('POST', '/api/account/delete', first.token, { password })).status).toBe(204);
  });
});

describe('inactive users', () => {
  it('refuses the token of a deactivated user at socket connect and on GET /api/account', async () => {
    await start();
    const me = await register(server!.url, uniqueName('off'), password);
    expect((await call('GET', '/api/account', me.token)).status).toBe(200);
    await rows("UPDATE users SET state = 'deactivated' WHERE id = ?", [me.user.id]);
    expect((await call('GET', '/api/account', me.token)).status).toBe(401);
    expect(await refusedAtConnect(me.token)).toBe('unauthorized');
  });

  it('answers 401 without a bearer token', async () => {
    await start();
    expect((await call('GET', '/api/account', '')).status).toBe(401);
  });
});
