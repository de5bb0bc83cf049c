// HTTP: register, login, logout, health, and every refusal of docs/protocol.md § HTTP.
import crypto from 'node:crypto';
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, postJson, register, request, uniqueName } from '../support/clients.js';
import { LogLines } from '../support/log-lines.js';
import { startTestServer, tempDir, type TestServer } from '../support/server.js';

const password = 'correct horse';

/** Asserts `{ error: { code, message } }` with a non-empty message, and the status. */
function expectFailure(res: { status: number; body: any }, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.trim().length).toBeGreaterThan(0);
}

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

function logout(base: string, authorization?: string) {
  return call(`${base}/api/logout`, { method: 'POST', headers: authorization === undefined ? {} : { authorization } });
}

/** A POST whose body is streamed in chunks with no content-length. */
function chunkedPost(url: string, chunks: string[]): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('HTTP API', () => {
  let server: TestServer;
  let base: string;
  beforeEach(async () => {
    server = await startTestServer();
    base = server.url;
  });
  afterEach(() => server.close());

  const registerAs = (body: unknown) => postJson(`${base}/api/register`, body);
  const loginAs = (body: unknown) => postJson(`${base}/api/login`, body);

  describe('register', () => {
    it('answers 201 with the user (offline) and an opaque token', async () => {
      const res = await registerAs({ name: 'Alice', password });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(['token', 'user']);
      expect(res.body.user).toEqual({ id: expect.any(Number), name: 'Alice', online: false, role: 'admin' });
      expect(Number.isInteger(res.body.user.id) && res.body.user.id > 0).toBe(true);
      expect(typeof res.body.token).toBe('string');
      expect(res.body.token.length).toBeGreaterThan(0);
      const other = await registerAs({ name: 'Bob', password });
      expect(other.body.user.id).not.toBe(res.body.user.id);
      expect(other.body.token).not.toBe(res.body.token);
    });

    it('ignores extra fields: the server assigns id and online', async () => {
      const res = await registerAs({ name: 'Carol', password, id: 999, online: true, admin: true });
      expect(res.status).toBe(201);
      expect(res.body.user).toEqual({ id: expect.any(Number), name: 'Carol', online: false, role: 'admin' });
      expect(res.body.user.id).not.toBe(999);
    });

    it('refuses a taken name with 409 conflict, case-insensitively and by NFKC', async () => {
      expect((await registerAs({ name: 'Alice', password })).status).toBe(201);
      for (const name of ['Alice', 'alice', 'ALICE', 'aLiCe', 'Ａｌｉｃｅ', 'ａｌｉｃｅ']) {
        expectFailure(await registerAs({ name, password: 'another password' }), 409, 'conflict');
      }
      expect((await registerAs({ name: 'ｂｏｂ', password })).status).toBe(201);
      expectFailure(await registerAs({ name: 'BOB', password }), 409, 'conflict');
    });

    it('refuses invalid names with 400 bad_request', async () => {
      const invalid: unknown[] = [
        '',
        'a'.repeat(33),
        '😀'.repeat(33),
        ' alice',
        'alice ',
        '\u3000alice',
        'ali\u0007ce',
        'ali\u200Bce',
        'alice\n',
        'ali\uD800ce',
        42,
        null,
        ['alice'],
        { name: 'alice' },
      ];
      for (const name of invalid) {
        expectFailure(await registerAs({ name, password }), 400, 'bad_request');
      }
      expectFailure(await registerAs({ password }), 400, 'bad_request');
      // None of them was stored: the plain name is still free.
      expect((await registerAs({ name: 'alice', password })).status).toBe(201);
    });

    it('counts name length in code points, not UTF-16 units', async () => {
      const emoji = '😀'.repeat(32);
      expect(emoji.length).toBe(64);
      const res = await registerAs({ name: emoji, password });
      expect(res.status).toBe(201);
      expect(res.body.user.name).toBe(emoji);
      expect((await registerAs({ name: 'b'.repeat(32), password })).status).toBe(201);
      expect((await registerAs({ name: 'x', password })).status).toBe(201);
    });

    it('accepts passwords of 8 to 256 code points only', async () => {
      expectFailure(await registerAs({ name: 'p1', password: 'seven77' }), 400, 'bad_request');
      expectFailure(await registerAs({ name: 'p2', password: '😀'.repeat(7) }), 400, 'bad_request');
      expectFailure(await registerAs({ name: 'p3', password: 'x'.repeat(257) }), 400, 'bad_request');
      expectFailure(await registerAs({ name: 'p4', password: 12345678 }), 400, 'bad_request');
      expectFailure(await registerAs({ name: 'p5' }), 400, 'bad_request');
      expect((await registerAs({ name: 'p6', password: 'eight888' })).status).toBe(201);
      expect((await registerAs({ name: 'p7', password: '😀'.repeat(8) })).status).toBe(201);
      expect((await registerAs({ name: 'p8', password: 'x'.repeat(256) })).status).toBe(201);
      // The refused names were not taken.
      expect((await registerAs({ name: 'p1', password })).status).toBe(201);
    });

    it('refuses a body that is not an object of credentials', async () => {
      for (const body of ['[]', 'null', '"alice"', '42', '']) {
        expectFailure(await postJson(`${base}/api/register`, body), 400, 'bad_request');
      }
    });
  });

  describe('login', () => {
    it('answers 200 with the right password, whatever the letter case of the name', async () => {
      const registered = await register(base, 'Alice', password);
      for (const name of ['Alice', 'alice', 'ALICE', 'Ａｌｉｃｅ']) {
        const res = await loginAs({ name, password });
        expect(res.status).toBe(200);
        expect(res.body.user).toEqual({ id: registered.user.id, name: 'Alice', online: false, role: 'admin' });
        expect(typeof res.body.token).toBe('string');
        expect(res.body.token).not.toBe(registered.token);
      }
    });

    it('reports online: true when the user has a connected socket', async () => {
      const registered = await register(base, 'Dana', password);
      const socket = await connect(base, registered.token);
      try {
        const res = await loginAs({ name: 'dana', password });
        expect(res.status).toBe(200);
        expect(res.body.user).toEqual({ id: registered.user.id, name: 'Dana', online: true, role: 'admin' });
      } finally {
        socket.close();
      }
    });

    it('answers 401 with the same message for a wrong password and an unknown name', async () => {
      await register(base, 'Alice', password);
      const wrong = await loginAs({ name: 'Alice', password: 'Correct horse' });
      const unknown = await loginAs({ name: 'Nobody', password });
      expectFailure(wrong, 401, 'unauthorized');
      expectFailure(unknown, 401, 'unauthorized');
      expect(wrong.body.error.message).toBe(unknown.body.error.message);
    });

    it('answers 400 for malformed credentials', async () => {
      expectFailure(await loginAs({ name: 'Alice' }), 400, 'bad_request');
      expectFailure(await loginAs({ password }), 400, 'bad_request');
      expectFailure(await loginAs({ name: 7, password }), 400, 'bad_request');
      expectFailure(await postJson(`${base}/api/login`, '{"name":'), 400, 'bad_request');
    });
  });

  describe('logout', () => {
    it('answers 204, then that token no longer works anywhere', async () => {
      const session = await register(base, 'Alice', password);
      const res = await logout(base, `Bearer ${session.token}`);
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();
      expectFailure(await logout(base, `Bearer ${session.token}`), 401, 'unauthorized');
      await expect(connect(base, session.token)).rejects.toThrow('unauthorized');
      // The account itself still logs in.
      expect((await loginAs({ name: 'alice', password })).status).toBe(200);
    });

    it('ends only that token, not the same user’s other session', async () => {
      const first = await register(base, 'Alice', password);
      const second = (await loginAs({ name: 'Alice', password })).body;
      expect((await logout(base, `Bearer ${first.token}`)).status).toBe(204);
      const socket = await connect(base, second.token);
      try {
        const ack = await request(socket, 'users:list');
        expect(ack.ok).toBe(true);
      } finally {
        socket.close();
      }
      expect((await logout(base, `Bearer ${second.token}`)).status).toBe(204);
    });

    it('keeps tokens, and the end of a logged-out one, across a restart on the same data', async () => {
      const dataDir = tempDir();
      const first = await startTestServer({ dataDir });
      const kept = await register(first.url, 'Alice', password);
      const ended = (await postJson(`${first.url}/api/login`, { name: 'Alice', password })).body;
      expect((await logout(first.url, `Bearer ${ended.token}`)).status).toBe(204);
      await first.close();

      const again = await startTestServer({ dataDir });
      try {
        const socket = await connect(again.url, kept.token);
        socket.close();
        await expect(connect(again.url, ended.token)).rejects.toThrow('unauthorized');
        expectFailure(await logout(again.url, `Bearer ${ended.token}`), 401, 'unauthorized');
        expect((await postJson(`${again.url}/api/login`, { name: 'alice', password })).status).toBe(200);
        expectFailure(
          await postJson(`${again.url}/api/login`, { name: 'alice', password: 'wrong horse' }),
          401,
          'unauthorized',
        );
        expectFailure(await postJson(`${again.url}/api/register`, { name: 'ALICE', password }), 409, 'conflict');
      } finally {
        await again.close();
      }
    });

    it('answers 401 without a well-formed bearer token', async () => {
      const session = await register(base, 'Alice', password);
      const bad = [
        undefined,
        '',
        'Bearer',
        'Bearer ',
        `bearer${session.token}`,
        `Basic ${session.token}`,
        'Bearer a b',
        'Bearer garbage',
      ];
      for (const authorization of bad) {
        expectFailure(await logout(base, authorization), 401, 'unauthorized');
      }
      // None of those ended the real session.
      expect((await logout(base, `Bearer ${session.token}`)).status).toBe(204);
    });
  });

  describe('routing and bodies', () => {
    it('GET /healthz answers 200 {ok: true}', async () => {
      const res = await call(`${base}/healthz`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('answers 404 not_found for an unknown path', async () => {
      expectFailure(await call(`${base}/nope`), 404, 'not_found');
      expectFailure(await call(`${base}/api`), 404, 'not_found');
      expectFailure(await postJson(`${base}/api/registerx`, { name: 'a', password }), 404, 'not_found');
      expectFailure(await call(`${base}/healthz/extra`), 404, 'not_found');
    });

    it('answers 405 bad_request for a wrong method on a known path', async () => {
      const getRegister = await call(`${base}/api/register`);
      expectFailure(getRegister, 405, 'bad_request');
      expect(getRegister.headers.get('allow')).toBe('POST');
      expectFailure(await call(`${base}/api/login`, { method: 'PUT', body: '{}' }), 405, 'bad_request');
      expectFailure(await call(`${base}/api/logout`, { method: 'DELETE' }), 405, 'bad_request');
      expectFailure(await postJson(`${base}/healthz`, {}), 405, 'bad_request');
    });

    it('answers 400 bad_request for invalid JSON', async () => {
      expectFailure(await postJson(`${base}/api/register`, '{"name": "a", '), 400, 'bad_request');
      expectFailure(await postJson(`${base}/api/login`, 'not json'), 400, 'bad_request');
    });

    it('answers 413 too_large for a body over 16 KiB, and accepts one just under', async () => {
      const big = JSON.stringify({ name: 'Big', password, pad: 'x'.repeat(16 * 1024) });
      expectFailure(await postJson(`${base}/api/register`, big), 413, 'too_large');
      const streamed = await chunkedPost(`${base}/api/register`, [
        '{"name":"Big","password":"correct horse","pad":"',
        ...Array.from({ length: 20 }, () => 'y'.repeat(1024)),
        '"}',
      ]);
      expectFailure(streamed, 413, 'too_large');
      // Nothing was stored, and a body just under the limit is read.
      const under = JSON.stringify({ name: 'Big', password, pad: 'z'.repeat(16 * 1024 - 100) });
      expect(Buffer.byteLength(under)).toBeLessThanOrEqual(16 * 1024);
      expect((await postJson(`${base}/api/register`, under)).status).toBe(201);
      expect((await call(`${base}/healthz`)).status).toBe(200);
    });

    it('refuses any request carrying Origin with 403 unauthorized, and acts on none', async () => {
      const origin = { origin: 'http://evil.example' };
      expectFailure(await call(`${base}/healthz`, { headers: origin }), 403, 'unauthorized');
      expectFailure(await call(`${base}/nope`, { headers: origin }), 403, 'unauthorized');
      expectFailure(await postJson(`${base}/api/register`, { name: 'Eve', password }, origin), 403, 'unauthorized');
      const session = await register(base, 'Alice', password);
      expectFailure(await postJson(`${base}/api/login`, { name: 'Alice', password }, origin), 403, 'unauthorized');
      const out = await call(`${base}/api/logout`, {
        method: 'POST',
        headers: { ...origin, authorization: `Bearer ${session.token}` },
      });
      expectFailure(out, 403, 'unauthorized');
      // Eve was not registered and Alice's token still works.
      expect((await registerAs({ name: 'Eve', password })).status).toBe(201);
      expect((await logout(base, `Bearer ${session.token}`)).status).toBe(204);
    });
  });
});

describe('server logs', () => {
  it('never contain a password, a token or message content, even at debug level', async () => {
    const log = new LogLines();
    const server = await startTestServer({ logger: log.logger });
    const secret = (prefix: string) => `${prefix}-${crypto.randomBytes(12).toString('hex')}`;
    const name = uniqueName('secretive');
    const secrets = {
      password: secret('pw'),
      wrongPassword: secret('pw-wrong'),
      shortPassword: `pw-${crypto.randomBytes(2).toString('hex')}`, // 7 code points: too short
      bogusToken: secret('tok'),
      content: secret('content'),
    };
    const tokens: string[] = [];
    try {
      const alice = await register(server.url, name, secrets.password);
      const bob = await register(server.url);
      tokens.push(alice.token, bob.token);
      expect((await postJson(`${server.url}/api/login`, { name, password: secrets.wrongPassword })).status).toBe(401);
      const nobody = { name: secret('nobody'), password: secrets.wrongPassword };
      expect((await postJson(`${server.url}/api/login`, nobody)).status).toBe(401);
      const short = { name: uniqueName(), password: secrets.shortPassword };
      expect((await postJson(`${server.url}/api/register`, short)).status).toBe(400);
      // Not JSON, and over 16 KiB, each with the password in it.
      const broken = `{"name":"${name}","password":"${secrets.password}"`;
      expect((await postJson(`${server.url}/api/login`, broken)).status).toBe(400);
      const huge = { name, password: secrets.password, pad: 'x'.repeat(20_000) };
      expect((await postJson(`${server.url}/api/login`, huge)).status).toBe(413);
      const login = await postJson(`${server.url}/api/login`, { name, password: secrets.password });
      expect(login.status).toBe(200);
      tokens.push(login.body.token);

      await expect(connect(server.url, secrets.bogusToken)).rejects.toThrow('unauthorized');
      const socket = await connect(server.url, alice.token);
      const { content } = secrets;
      expect((await request(socket, 'message:send', { to: bob.user.id, clientId: 'c1', content })).ok).toBe(true);
      const wrongTo = await request(socket, 'message:send', { to: 'x', clientId: 'c2', content });
      expect(wrongTo.error.code).toBe('bad_request');
      const tooLong = { to: bob.user.id, clientId: 'c3', content: content.repeat(200) };
      expect((await request(socket, 'message:send', tooLong)).error.code).toBe('too_large');
      const unknown = await request(socket, 'no:such', { password: secrets.password, token: alice.token });
      expect(unknown.error.code).toBe('bad_request');
      expect((await logout(server.url, `Bearer ${login.body.token}`)).status).toBe(204);
      expect((await logout(server.url, `Bearer ${login.body.token}`)).status).toBe(401);
      expect((await logout(server.url, `Bearer ${secrets.bogusToken}`)).status).toBe(401);
      socket.close();
      await log.waitFor(new RegExp(`user ${alice.user.id} disconnected`));
    } finally {
      await server.close();
    }
    const all = log.lines.join('\n');
    for (const value of [...Object.values(secrets), ...tokens]) expect(all).not.toContain(value);
  });
});
