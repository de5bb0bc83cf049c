// The server as `npm run server -- …` runs it: the first stdout line, flags, environment
// variables and their defaults, bad settings, a restart on the same data, and what never
// reaches the output.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { readConfig } from '../../server/config.js';
import { databaseFileName } from '../../server/store/sqlite/sqlite-store.js';
import { connect, postJson, register, request, uniqueName } from '../support/clients.js';
import {
  canListen,
  cleanUpServersAndSockets,
  freePort,
  runToExit,
  startServerProcess,
  tcpConnect,
  type ServerProcess,
} from '../support/process.js';
import { readRecord } from '../support/records.js';
import { tempDir } from '../support/server.js';

const open = cleanUpServersAndSockets();

const secret = (prefix: string) => `${prefix}-${crypto.randomBytes(12).toString('hex')}`;

/** Fails if any of `secrets` was ever written to the stdout or stderr of `procs`. */
function expectNoSecrets(procs: ServerProcess[], secrets: string[]): void {
  for (const proc of procs) {
    for (const value of secrets) {
      expect(proc.stdout().includes(value), `stdout of pid ${proc.pid} contains ${value}`).toBe(false);
      expect(proc.stderr().includes(value), `stderr of pid ${proc.pid} contains ${value}`).toBe(false);
    }
  }
}

/** Sends `count` messages spread over `parallel` sockets of one user; the acks in the order sent. */
async function sendMany(url: string, token: string, to: number, count: number, parallel = 1): Promise<any[]> {
  const lanes = await Promise.all(Array.from({ length: parallel }, () => open(url, token)));
  const prefix = crypto.randomBytes(4).toString('hex');
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      request(lanes[i % parallel]!, 'message:send', { to, clientId: `${prefix}-${i}`, content: `message ${i}` }),
    ),
  );
}

const codes = (acks: any[]) => acks.map((ack) => (ack.ok ? 'ok' : ack.error.code));

describe('readConfig', () => {
  it('reads the log level from --log-level or MESSENGER_LOG_LEVEL, info by default', () => {
    expect(readConfig([], {}).logLevel).toBe('info');
    expect(readConfig(['--log-level', 'debug'], {}).logLevel).toBe('debug');
    expect(readConfig([], { MESSENGER_LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(readConfig(['--log-level=error'], { MESSENGER_LOG_LEVEL: 'debug' }).logLevel).toBe('error');
    expect(() => readConfig(['--log-level', 'verbose'], {})).toThrow(
      '--log-level must be one of error, warn, info, debug, not "verbose".',
    );
    expect(() => readConfig([], { MESSENGER_LOG_LEVEL: 'INFO' })).toThrow(/MESSENGER_LOG_LEVEL must be one of/);
  });
});

describe('npm run server', () => {
  it('prints "listening on http://127.0.0.1:<port>" first, with the real port for --port 0, and logs only to stderr', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const server = await startServerProcess(['--port', '0', '--data', dataDir]);

    expect(server.firstLine).toBe(`listening on http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.port).toBeLessThan(65536);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    // --data creates the folder (parents too) with the SQLite file in it.
    expect(fs.existsSync(path.join(dataDir, databaseFileName))).toBe(true);

    // Some activity that logs, then a clean stop: stdout still holds that one line only.
    const alice = await register(server.url);
    await open(server.url, alice.token);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(server.stdout()).toBe(`${server.firstLine}\n`);
    expect(server.stderr()).toMatch(/connected/);
  });

  it('defaults to port 4860, ./data in the working folder, and 300 sends per 10 s', async () => {
    const cwd = tempDir();
    const free = await canListen(4860, '127.0.0.1');
    if (!free.ok) {
      // Something on this machine holds 4860: the server must say so clearly and stop.
      const result = await runToExit([], { cwd });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0]).toMatch(/could not start.*(EADDRINUSE|EACCES).*4860/);
      return;
    }
    const server = await startServerProcess([], { cwd });
    expect(server.firstLine).toBe('listening on http://127.0.0.1:4860');
    expect(fs.existsSync(path.join(cwd, 'data', databaseFileName))).toBe(true);

    const alice = await register(server.url);
    const bob = await register(server.url);
    const acks = await sendMany(server.url, alice.token, bob.user.id, 301, 4);
    expect(codes(acks).filter((c) => c === 'ok')).toHaveLength(300);
    expect(codes(acks).filter((c) => c === 'rate_limited')).toHaveLength(1);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('takes the port, data folder and send rate from MESSENGER_PORT, MESSENGER_DATA and MESSENGER_SEND_RATE', async () => {
    const port = await freePort();
    const dataDir = path.join(tempDir(), 'from-env');
    const server = await startServerProcess([], {
      env: { MESSENGER_PORT: String(port), MESSENGER_DATA: dataDir, MESSENGER_SEND_RATE: '2' },
    });
    expect(server.firstLine).toBe(`listening on http://127.0.0.1:${port}`);
    expect(fs.existsSync(path.join(dataDir, databaseFileName))).toBe(true);

    const alice = await register(server.url);
    const bob = await register(server.url);
    const socket = await open(server.url, alice.token);
    const acks = [];
    for (let i = 0; i < 3; i++) {
      acks.push(await request(socket, 'message:send', { to: bob.user.id, clientId: `env-${i}`, content: `m${i}` }));
    }
    expect(codes(acks)).toEqual(['ok', 'ok', 'rate_limited']);
    expect(acks[2].error.message).toEqual(expect.any(String));
    // The refused send stored nothing.
    expect((await readRecord(socket, bob.user.id)).map((m) => m.clientId)).toEqual(['env-0', 'env-1']);
  });

  it('lets each flag win over its environment variable', async () => {
    const root = tempDir();
    const flagDir = path.join(root, 'flag');
    const envDir = path.join(root, 'env');
    const server = await startServerProcess(
      ['--port', '0', '--data', flagDir, '--send-rate', '3', '--host', '127.0.0.1'],
      {
        env: { MESSENGER_PORT: '1', MESSENGER_DATA: envDir, MESSENGER_SEND_RATE: '1', MESSENGER_HOST: '::1' },
      },
    );
    expect(server.firstLine).toBe(`listening on http://127.0.0.1:${server.port}`);
    expect(server.port).not.toBe(1);
    expect(fs.existsSync(path.join(flagDir, databaseFileName))).toBe(true);
    expect(fs.existsSync(envDir)).toBe(false);

    const alice = await register(server.url);
    const bob = await register(server.url);
    const socket = await open(server.url, alice.token);
    const acks = [];
    for (let i = 0; i < 4; i++) {
      acks.push(await request(socket, 'message:send', { to: bob.user.id, clientId: `flag-${i}`, content: `m${i}` }));
    }
    expect(codes(acks)).toEqual(['ok', 'ok', 'ok', 'rate_limited']);
  });

  it('ignores a malformed environment variable when its flag is given', async () => {
    const server = await startServerProcess(['--port', '0', '--data', tempDir(), '--send-rate', '0'], {
      env: { MESSENGER_PORT: 'abc', MESSENGER_SEND_RATE: '-1', MESSENGER_DATA: '' },
    });
    expect(server.firstLine).toBe(`listening on http://127.0.0.1:${server.port}`);
  });

  it('turns the send limit off with --send-rate 0', async () => {
    const server = await startServerProcess(['--port', '0', '--data', tempDir(), '--send-rate', '0'], {
      env: { MESSENGER_SEND_RATE: '1' },
    });
    const alice = await register(server.url);
    const bob = await register(server.url);
    // More than the default 300 within one window.
    const acks = await sendMany(server.url, alice.token, bob.user.id, 320, 4);
    expect(codes(acks).every((c) => c === 'ok')).toBe(true);
    const socket = await open(server.url, bob.token);
    expect(await readRecord(socket, alice.user.id)).toHaveLength(320);
  });

  it('binds the IPv6 loopback with --host ::1 and prints http://[::1]:<port>', async () => {
    const dataDir = tempDir();
    const v6 = await canListen(0, '::1');
    if (!v6.ok) {
      // No IPv6 loopback here: the server must report that clearly instead of starting.
      const result = await runToExit(['--host', '::1', '--port', '0', '--data', dataDir]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0]).toMatch(/could not start.*(EADDRNOTAVAIL|EAFNOSUPPORT|::1)/);
      return;
    }
    const server = await startServerProcess(['--host', '::1', '--port', '0', '--data', dataDir]);
    expect(server.firstLine).toBe(`listening on http://[::1]:${server.port}`);
    expect(server.url).toBe(`http://[::1]:${server.port}`);
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    const alice = await register(server.url);
    const socket = await open(server.url, alice.token);
    expect((await request(socket, 'users:list')).ok).toBe(true);
    // Only the IPv6 loopback is bound.
    expect(await tcpConnect(server.port, '127.0.0.1')).toBe('refused');
  });

  it('refuses bad settings with exit code 2 and a one-line reason on stderr, without starting', async () => {
    const root = tempDir();
    const cases: Array<{ args: string[]; env?: Record<string, string>; reason: RegExp }> = [
      { args: ['--port', 'abc'], reason: /--port.*"abc"/ },
      { args: ['--port', '70000'], reason: /--port.*"70000"/ },
      { args: ['--port', '-1'], reason: /--port.*"-1"/ },
      { args: ['--port=1.5'], reason: /--port.*"1\.5"/ },
      { args: ['--send-rate', '-1'], reason: /--send-rate.*"-1"/ },
      { args: ['--send-rate', 'many'], reason: /--send-rate.*"many"/ },
      { args: ['--flag'], reason: /Unknown option --flag/ },
      { args: ['--flag', 'value'], reason: /Unknown option --flag/ },
      { args: ['--port'], reason: /--port needs a value/ },
      { args: ['--host', ' '], reason: /--host must not be empty/ },
      { args: [], env: { MESSENGER_PORT: 'abc' }, reason: /MESSENGER_PORT.*"abc"/ },
      { args: [], env: { MESSENGER_SEND_RATE: '-1' }, reason: /MESSENGER_SEND_RATE.*"-1"/ },
    ];
    const results = await Promise.all(
      cases.map(async (c, i) => {
        const dataDir = path.join(root, `never-${i}`);
        return { c, dataDir, result: await runToExit(['--data', dataDir, ...c.args], { env: c.env }) };
      }),
    );
    for (const { c, dataDir, result } of results) {
      const label = `${JSON.stringify(c.args)} ${JSON.stringify(c.env ?? {})}`;
      expect({ label, code: result.code, signal: result.signal }).toEqual({ label, code: 2, signal: null });
      expect(result.stdout, label).toBe('');
      const [reason, next] = result.stderr.split('\n');
      expect(reason, label).toMatch(c.reason);
      // One line of reason (the usage text may follow after a blank line).
      expect(next ?? '', label).toBe('');
      expect(result.stderr, label).not.toMatch(/listening|could not start/);
      expect(fs.existsSync(dataDir), label).toBe(false);
    }
  });

  it('keeps accounts, sessions and messages across a SIGTERM restart on the same data folder', async () => {
    const dataDir = tempDir();
    const passwords = { alice: secret('pw-alice'), bob: secret('pw-bob'), wrong: secret('pw-wrong') };
    const names = { alice: uniqueName('alice'), bob: uniqueName('bob') };

    const first = await startServerProcess(['--port', '0', '--data', dataDir]);
    const alice = await register(first.url, names.alice, passwords.alice);
    const bob = await register(first.url, names.bob, passwords.bob);
    const second = await postJson(`${first.url}/api/login`, { name: names.alice, password: passwords.alice });
    expect(second.status).toBe(200);
    const aliceSocket = await open(first.url, alice.token);
    const bobSocket = await open(first.url, bob.token);
    const sent: Message[] = [];
    for (let i = 0; i < 5; i++) {
      const [socket, to] = i % 2 === 0 ? [aliceSocket, bob.user.id] : [bobSocket, alice.user.id];
      const ack = await request(socket, 'message:send', {
        to,
        clientId: `restart-${i}`,
        content: `before restart ${i}`,
      });
      expect(ack.ok).toBe(true);
      sent.push(ack.message);
    }
    const before = await readRecord(aliceSocket, bob.user.id);
    expect(before.map((m) => m.id)).toEqual(sent.map((m) => m.id));
    // The second session ends before the restart and stays ended after it.
    expect(
      (await postJson(`${first.url}/api/logout`, {}, { authorization: `Bearer ${second.body.token}` })).status,
    ).toBe(204);
    expect(await first.stop()).toEqual({ code: 0, signal: null });

    const again = await startServerProcess(['--port', '0', '--data', dataDir]);
    const login = await postJson(`${again.url}/api/login`, { name: names.alice, password: passwords.alice });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(alice.user.id);
    const wrong = await postJson(`${again.url}/api/login`, { name: names.bob, password: passwords.wrong });
    expect(wrong.status).toBe(401);
    expect((await postJson(`${again.url}/api/register`, { name: names.bob, password: passwords.bob })).status).toBe(
      409,
    );

    // A token is valid until logout, across restarts; the logged-out one is not.
    const bobAgain = await open(again.url, bob.token);
    await expect(connect(again.url, second.body.token)).rejects.toThrow('unauthorized');
    const aliceAgain = await open(again.url, login.body.token);

    expect(await readRecord(aliceAgain, bob.user.id)).toEqual(before);
    expect(await readRecord(bobAgain, alice.user.id)).toEqual(before);
    const chats = await request(aliceAgain, 'chats:list');
    expect(chats.chats).toMatchObject([{ who: bob.user.id, lastSeq: 5, last: sent[4] }]);
    // A repeated clientId is still recognised after the restart: the first send's message, nothing stored.
    const repeat = await request(aliceAgain, 'message:send', {
      to: bob.user.id,
      clientId: 'restart-0',
      content: 'other',
    });
    expect(repeat.message).toEqual(sent[0]);
    expect(await readRecord(aliceAgain, bob.user.id)).toHaveLength(5);
    // New messages continue the seqs.
    const next = await request(bobAgain, 'message:send', {
      to: alice.user.id,
      clientId: 'after-restart',
      content: 'after',
    });
    expect(next.message.seq).toBe(6);

    expect(await again.stop()).toEqual({ code: 0, signal: null });
    expectNoSecrets(
      [first, again],
      [...Object.values(passwords), alice.token, bob.token, second.body.token, login.body.token],
    );
  });

  it('never writes a password, token or message content to stdout or stderr', async () => {
    const server = await startServerProcess(['--port', '0', '--data', tempDir()]);
    const name = uniqueName('secretive');
    const password = secret('pw');
    const wrongPassword = secret('pw-wrong');
    const shortPassword = 'pw-' + crypto.randomBytes(2).toString('hex'); // 7 code points: too short
    const bogusToken = secret('tok');
    const content = secret('content');

    const alice = await register(server.url, name, password);
    const bob = await register(server.url);
    expect((await postJson(`${server.url}/api/login`, { name, password: wrongPassword })).status).toBe(401);
    expect(
      (await postJson(`${server.url}/api/login`, { name: secret('nobody'), password: wrongPassword })).status,
    ).toBe(401);
    expect((await postJson(`${server.url}/api/register`, { name: uniqueName(), password: shortPassword })).status).toBe(
      400,
    );
    // Not JSON, with a password in it.
    expect((await postJson(`${server.url}/api/login`, `{"name":"${name}","password":"${password}"`)).status).toBe(400);
    // Over 16 KiB, with a password in it.
    const huge = await postJson(`${server.url}/api/login`, { name, password, pad: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    const login = await postJson(`${server.url}/api/login`, { name, password });
    expect(login.status).toBe(200);

    await expect(connect(server.url, bogusToken)).rejects.toThrow('unauthorized');
    const socket = await open(server.url, alice.token);
    const sent = await request(socket, 'message:send', { to: bob.user.id, clientId: 'c1', content });
    expect(sent.ok).toBe(true);
    expect((await request(socket, 'message:send', { to: 'x', clientId: 'c2', content })).error.code).toBe(
      'bad_request',
    );
    expect(
      (await request(socket, 'message:send', { to: bob.user.id, clientId: 'c3', content: content.repeat(200) })).error
        .code,
    ).toBe('too_large');
    expect((await request(socket, 'no:such', { password, token: alice.token })).error.code).toBe('bad_request');
    expect(
      (await postJson(`${server.url}/api/logout`, {}, { authorization: `Bearer ${login.body.token}` })).status,
    ).toBe(204);
    expect(
      (await postJson(`${server.url}/api/logout`, {}, { authorization: `Bearer ${login.body.token}` })).status,
    ).toBe(401);
    expect((await postJson(`${server.url}/api/logout`, {}, { authorization: `Bearer ${bogusToken}` })).status).toBe(
      401,
    );

    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(server.stderr()).not.toBe('');
    expectNoSecrets(
      [server],
      [password, wrongPassword, shortPassword, bogusToken, content, alice.token, bob.token, login.body.token],
    );
  });
});
