// Register, sign in and sign out against a real server, and every way that can fail as
// the Failure the sign-in screen shows.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, register } from '../../../../main/core/account/auth-api.js';
import { FailureError } from '../../../../main/core/failure.js';
import type { Failure } from '../../../../main/ipc/contract.js';
import { connect, uniqueName } from '../../../support/clients.js';
import { startTestServer, type TestServer } from '../../../support/server.js';

const password = 'correct horse';

/** The Failure a call rejects with; fails the test if it resolves or throws anything else. */
async function failureOf(call: Promise<unknown>): Promise<Failure> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(FailureError);
  const { failure } = error as FailureError;
  expect(failure.message.trim().length).toBeGreaterThan(0);
  return failure;
}

/** A local HTTP server that answers every request with `respond`. */
async function fakeServer(respond: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('auth-api against the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('registers, signs in on a second device, and signs out only that device', async () => {
    const name = uniqueName('Alice');
    const registered = await register(server.url, { name, password });
    expect(registered.user).toEqual({ id: expect.any(Number), name, role: expect.stringMatching(/^(admin|member)$/) });
    expect(registered.token.length).toBeGreaterThan(0);

    const signedIn = await login(`${server.url}/`, { name: name.toUpperCase(), password });
    expect(signedIn.user).toEqual(registered.user);
    expect(signedIn.token).not.toBe(registered.token);

    await logout(server.url, signedIn.token);
    await expect(connect(server.url, signedIn.token)).rejects.toThrow('unauthorized');
    const stillSignedIn = await connect(server.url, registered.token);
    stillSignedIn.close();
  });

  it('treats logging out a token the server no longer knows as done', async () => {
    const { token } = await register(server.url, { name: uniqueName('Bob'), password });
    await logout(server.url, token);
    await expect(logout(server.url, token)).resolves.toBeUndefined();
  });

  it("passes a taken name through as 'conflict' with the server's sentence", async () => {
    const name = uniqueName('Carol');
    await register(server.url, { name, password });
    const failure = await failureOf(register(server.url, { name, password: 'another password' }));
    expect(failure.code).toBe('conflict');
    const direct = await fetch(`${server.url}/api/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    const { error } = (await direct.json()) as { error: Failure };
    expect(failure).toEqual(error);
  });

  it("reports a wrong password as 'unauthorized'", async () => {
    const name = uniqueName('Dan');
    await register(server.url, { name, password });
    expect((await failureOf(login(server.url, { name, password: 'wrong password' }))).code).toBe('unauthorized');
  });

  it("reports a value the server refuses as 'bad_request'", async () => {
    expect((await failureOf(register(server.url, { name: uniqueName('Eve'), password: 'short' }))).code).toBe(
      'bad_request',
    );
  });
});

describe('auth-api when the server cannot be used', () => {
  it("reports a server that is not running as 'offline'", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const failure = await failureOf(login(url, { name: 'Alice', password }));
    expect(failure.code).toBe('offline');
    expect(failure.message).toContain('127.0.0.1');
  });

  it("reports a server that does not answer in time as 'offline'", async () => {
    const silent = await fakeServer(() => undefined);
    try {
      const started = Date.now();
      const failure = await failureOf(login(silent.url, { name: 'Alice', password }, { timeoutMs: 200 }));
      expect(failure.code).toBe('offline');
      expect(failure.message).toContain('did not answer in time');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await silent.close();
    }
  });

  it.each([
    { case: 'a web page', status: 200, type: 'text/html', body: '<html>hello</html>' },
    { case: 'a session without a token', status: 200, type: 'application/json', body: '{"user":{"id":1,"name":"A"}}' },
    {
      case: 'an error body with an unknown code',
      status: 418,
      type: 'application/json',
      body: '{"error":{"code":"teapot","message":"I am a teapot"}}',
    },
    {
      case: 'a redirect elsewhere',
      status: 307,
      type: 'text/plain',
      body: '',
      location: 'http://example.invalid/api/login',
    },
    { case: 'a 500 with no body', status: 500, type: 'text/plain', body: '' },
  ])("reports $case as 'internal'", async ({ status, type, body, location }) => {
    const odd = await fakeServer((_request, response) => {
      response.writeHead(status, { 'content-type': type, ...(location ? { location } : {}) });
      response.end(body);
    });
    try {
      expect((await failureOf(login(odd.url, { name: 'Alice', password }))).code).toBe('internal');
    } finally {
      await odd.close();
    }
  });

  it.each([
    { case: 'an ftp address', serverUrl: 'ftp://127.0.0.1:4860' },
    { case: 'not a URL', serverUrl: 'not a url' },
    { case: 'an empty address', serverUrl: '' },
    { case: 'a user name and password in the address', serverUrl: 'http://alice:secret@127.0.0.1:4860' },
    { case: 'a path after the host', serverUrl: 'http://127.0.0.1:4860/chat' },
  ])("refuses $case as 'bad_request'", async ({ serverUrl }) => {
    const failures = await Promise.all([
      failureOf(register(serverUrl, { name: 'Alice', password })),
      failureOf(login(serverUrl, { name: 'Alice', password })),
      failureOf(logout(serverUrl, 'token')),
    ]);
    expect(failures.map((failure) => failure.code)).toEqual(['bad_request', 'bad_request', 'bad_request']);
  });
});
