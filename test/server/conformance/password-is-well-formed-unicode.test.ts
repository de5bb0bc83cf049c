// docs/protocol.md §2: a password is 8–256 code points of well-formed Unicode; one with a lone
// surrogate half is refused like any other bad value.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson, uniqueName } from '../../support/clients.js';
import { startTestServer, type TestServer } from '../../support/server.js';

describe('docs/protocol.md §2: the password is well-formed Unicode', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  it('refuses a password with a lone surrogate with 400 bad_request, at registration and login', async () => {
    const name = uniqueName();
    // Written as JSON text: JSON.stringify would keep the lone half as the same escape.
    const body = (path: string, password: string) =>
      postJson(`${server.url}${path}`, `{"name":"${name}","password":"${password}"}`);
    for (const password of ['abcdefgh\\ud800', '\\udc00abcdefgh', 'abcd\\ud83dxefgh']) {
      const registered = await body('/api/register', password);
      expect(registered.status, password).toBe(400);
      expect(registered.body.error.code).toBe('bad_request');
      const login = await body('/api/login', password);
      expect(login.status, password).toBe(400);
    }
    // The same length with the pair complete is a fine password (an emoji is one code point).
    expect((await body('/api/register', 'abcdefg\\ud83d\\ude00')).status).toBe(201);
    expect((await body('/api/login', 'abcdefg\\ud83d\\ude00')).status).toBe(200);
  });
});
