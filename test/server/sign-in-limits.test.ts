// The sign-in limits of docs/protocol.md §7: a name locked after 5 failed logins with a growing
// Retry-After, failed logins and registrations per client address (--login-rate,
// --register-rate), X-Forwarded-For only with --trust-proxy, and `busy` when hashing is full.
import { afterEach, describe, expect, it } from 'vitest';
import type { PasswordHasher } from '../../server/accounts/hashing-queue.js';
import type { ServerOptions } from '../../server/app.js';
import { TestClock } from '../support/chat-helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ManualTimers } from '../support/manual-timers.js';

const password = 'correct horse';

/** Compares plainly: the limits, not scrypt, are under test here, and 40 scrypt runs are slow. */
const quickHasher: PasswordHasher = {
  hash: (text) => Promise.resolve(`plain$${text}`),
  verify: (text, stored) => Promise.resolve(stored === `plain$${text}`),
};

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  retryAfterMs: number | undefined;
}

describe('sign-in limits', () => {
  let server: TestServer | undefined;
  const clock = new TestClock();
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(options: Partial<ServerOptions>): Promise<TestServer> {
    server = await startTestServer({ now: clock.now, passwordHasher: quickHasher, ...options });
    return server;
  }

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${server!.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { error?: { code: string; retryAfterMs?: number } };
    return {
      status: response.status,
      code: json.error?.code,
      retryAfter: response.headers.get('retry-after'),
      retryAfterMs: json.error?.retryAfterMs,
    };
  }
  const login = (name: string, pass = 'wrong password', headers?: Record<string, string>) =>
    post('/api/login', { name, password: pass }, headers);
  const registerAs = (name: string, headers?: Record<string, string>) =>
    post('/api/register', { name, password }, headers);
  const statuses = async (count: number, attempt: (i: number) => Promise<Answer>) => {
    const seen: number[] = [];
    for (let i = 0; i < count; i++) seen.push((await attempt(i)).status);
    return seen;
  };

  it('locks a name after 5 failed logins, with a Retry-After that grows, and lets the right password in after', async () => {
    await start({});
    expect((await registerAs('Alice')).status).toBe(201);
    expect((await registerAs('Bob')).status).toBe(201);

    expect(await statuses(5, () => login('alice'))).toEqual([401, 401, 401, 401, 401]);
    // Locked, even for the right password and the same name in other letters.
    const locked = await login('ALICE', password);
    expect(locked).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: '30', retryAfterMs: 30_000 });
    // Another name is not affected.
    expect((await login('bob')).status).toBe(401);
    expect((await login('bob', password)).status).toBe(200);

    clock.advance(30_000);
    expect((await login('alice')).status).toBe(401);
    expect(await login('alice', password)).toMatchObject({ status: 429, retryAfter: '60', retryAfterMs: 60_000 });
    clock.advance(59_000);
    expect(await login('alice', password)).toMatchObject({ status: 429, retryAfter: '1', retryAfterMs: 1_000 });
    clock.advance(1_000);
    expect((await login('alice')).status).toBe(401);
    expect(await login('alice', password)).toMatchObject({ status: 429, retryAfter: '120' });

    clock.advance(120_000);
    expect((await login('alice', password)).status).toBe(200);
    // A successful login ends the run of failures.
    expect(await statuses(4, () => login('alice'))).toEqual([401, 401, 401, 401]);
    expect((await login('alice', password)).status).toBe(200);
  });

  it('holds a refused sign-in back before its 429, so a client retrying at once is slowed down', async () => {
    const timers = new ManualTimers();
    await start({ refusalDelayMs: 1000, timers });
    expect(await statuses(5, () => login('carol'))).toEqual([401, 401, 401, 401, 401]);
    const held = timers.nextTimer();
    let answered = false;
    const refused = login('carol').then((answer) => ((answered = true), answer));
    await held;
    timers.advance(999);
    expect(timers.waiting).toBe(1);
    expect(answered).toBe(false);
    timers.advance(1);
    expect((await refused).status).toBe(429);
  });

  it('allows 30 failed logins per address in 10 min by default, over any names, then refuses', async () => {
    await start({});
    // Six names, five failures each: no name is locked, the address has used its 30.
    expect(await statuses(30, (i) => login(`guess${i % 6}`))).toEqual(Array<number>(30).fill(401));
    const refused = await login('someone');
    expect(refused).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: '600', retryAfterMs: 600_000 });
    clock.advance(600_000);
    expect((await login('someone')).status).toBe(401);
  });

  it('takes --login-rate, and 0 turns the per-address limit off (the per-name lock stays)', async () => {
    await start({ loginRate: 3 });
    expect(await statuses(4, (i) => login(`guess${i}`))).toEqual([401, 401, 401, 429]);
    await server!.close();

    await start({ loginRate: 0 });
    expect(await statuses(40, (i) => login(`guess${i % 8}`))).toEqual(Array<number>(40).fill(401));
    expect((await login('guess0')).status).toBe(429);
  });

  it('allows 10 registrations per address in 10 min by default, takes --register-rate, and 0 turns it off', async () => {
    await start({ registerRate: undefined });
    expect(await statuses(11, (i) => registerAs(`new${i}`))).toEqual([...Array<number>(10).fill(201), 429]);
    const refused = await registerAs('late');
    expect(refused).toMatchObject({ code: 'rate_limited', retryAfter: '600', retryAfterMs: 600_000 });
    clock.advance(600_000);
    expect((await registerAs('late')).status).toBe(201);
    await server!.close();

    await start({ registerRate: 2 });
    expect(await statuses(3, (i) => registerAs(`two${i}`))).toEqual([201, 201, 429]);
    await server!.close();

    await start({ registerRate: 0 });
    expect(await statuses(25, (i) => registerAs(`many${i}`))).toEqual(Array<number>(25).fill(201));
  });

  it('honours X-Forwarded-For only with --trust-proxy, and then only its last entry', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    await start({ loginRate: 2 });
    // Without --trust-proxy the header is the client's own words: every attempt is loopback's.
    expect(await statuses(3, (i) => login(`g${i}`, 'wrong password', from(`203.0.113.${i}`)))).toEqual([401, 401, 429]);
    await server!.close();

    await start({ loginRate: 2, trustProxy: true });
    expect(await statuses(3, (i) => login(`g${i}`, 'wrong password', from('203.0.113.1')))).toEqual([401, 401, 429]);
    expect((await login('g9', 'wrong password', from('203.0.113.2'))).status).toBe(401);
    // A client cannot escape by writing an address before the proxy's own entry.
    expect((await login('g9', 'wrong password', from('198.51.100.7, 203.0.113.1'))).status).toBe(429);
    // Addresses of one IPv6 /64 count together.
    expect((await login('g8', 'wrong password', from('2001:db8:1:2::a'))).status).toBe(401);
    expect((await login('g8', 'wrong password', from('2001:db8:1:2:ffff::b'))).status).toBe(401);
    expect((await login('g8', 'wrong password', from('2001:db8:1:2::c'))).status).toBe(429);
    expect((await login('g8', 'wrong password', from('2001:db8:1:3::c'))).status).toBe(401);
  });

  it('answers 503 busy when password hashing is full, and takes logins again once it has room', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let slow = true;
    const slowHasher: PasswordHasher = {
      hash: quickHasher.hash,
      async verify(text, stored) {
        if (slow) {
          slow = false;
          started();
          await released;
        }
        return quickHasher.verify(text, stored);
      },
    };
    await start({ passwordHasher: slowHasher, hashingLimits: { concurrency: 1, maxWaiting: 0 } });
    expect((await registerAs('Carol')).status).toBe(201);

    const first = login('carol', password);
    await running;
    const busy = await login('someone');
    expect(busy).toMatchObject({ status: 503, code: 'busy' });
    release();
    expect((await first).status).toBe(200);
    expect((await login('someone')).status).toBe(401);
  });
});
