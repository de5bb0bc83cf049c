// Errors name the field the user typed wrong (ErrorBody.field, docs/protocol.md §4), over the
// real HTTP API: registration, sign-in, rename, password change and account deletion.
import { afterEach, describe, expect, it } from 'vitest';
import { createInvite } from '../../server/accounts/invites.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { httpPaths } from '../../protocol/contract.js';
import { postJson, register, uniqueName } from '../support/clients.js';
import { clusterRun, startTestServer, tempDir, type TestServer } from '../support/server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

async function send(server: TestServer, method: string, path: string, token: string, body: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error: Record<string, unknown> } };
}

describe('an error names the field at fault', () => {
  it('at registration: a name breaking the rules or taken, a password too short or too long', async () => {
    const server = await start();
    const taken = uniqueName();
    await register(server.url, taken);
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ name: ' spaced', password: 'correct horse' }, 400, 'bad_request', 'name'],
      [{ name: 'x'.repeat(200), password: 'correct horse' }, 400, 'bad_request', 'name'],
      [{ name: taken, password: 'correct horse' }, 409, 'conflict', 'name'],
      [{ name: uniqueName(), password: 'short' }, 400, 'bad_request', 'password'],
      [{ name: uniqueName(), password: 'x'.repeat(2000) }, 400, 'bad_request', 'password'],
    ];
    for (const [body, status, code, field] of cases) {
      const answer = await postJson(`${server.url}/api/register`, body);
      expect({ status: answer.status, error: answer.body.error }).toMatchObject({
        status,
        error: { code, field, message: expect.any(String) },
      });
    }
  });

  // The invite is written to the SQLite file before the server opens it, as registration.test.ts does.
  it.skipIf(clusterRun)('at registration by invite: a missing or spent code', async () => {
    const dataDir = tempDir();
    const store = new SqliteStore(dataDir);
    const code = await createInvite(store, { now: 1_000 });
    await store.close();
    const server = await start({ dataDir, registration: 'invite' });
    const withInvite = (invite?: string) =>
      postJson(`${server.url}/api/register`, {
        name: uniqueName(),
        password: 'correct horse',
        ...(invite === undefined ? {} : { invite }),
      });
    expect((await withInvite(code)).status).toBe(201);
    for (const invite of [undefined, code, 'not-a-code', '']) {
      const answer = await withInvite(invite);
      expect(answer.body.error.field, `invite ${invite}`).toBe('invite');
    }
  });

  it('not at sign-in with a wrong password, where name and password are equally suspect', async () => {
    const server = await start();
    const alice = await register(server.url);
    const wrong = await postJson(`${server.url}/api/login`, { name: alice.user.name, password: 'wrong password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual({ code: 'unauthorized', message: 'Wrong name or password.' });
    const short = await postJson(`${server.url}/api/login`, { name: alice.user.name, password: 'short' });
    expect(short.body.error).toMatchObject({ code: 'bad_request', field: 'password' });
  });

  it('at rename and password change: a name taken or breaking the rules, a wrong current password', async () => {
    const server = await start();
    const alice = await register(server.url);
    const bob = await register(server.url);
    const rename = (name: string) => send(server, 'POST', httpPaths.accountName, alice.token, { name });
    expect((await rename(bob.user.name)).body.error).toMatchObject({ code: 'conflict', field: 'name' });
    expect((await rename('bad\nname')).body.error).toMatchObject({ code: 'bad_request', field: 'name' });

    const change = (current: string, password: string) =>
      send(server, 'POST', httpPaths.accountPassword, alice.token, { current, password });
    expect((await change('wrong password', 'a new password')).body.error).toMatchObject({
      code: 'forbidden',
      field: 'password',
    });
    expect((await change('correct horse', 'short')).body.error).toMatchObject({
      code: 'bad_request',
      field: 'password',
    });
    const remove = await send(server, 'POST', httpPaths.accountDelete, alice.token, { password: 'wrong password' });
    expect(remove.body.error).toMatchObject({ code: 'forbidden', field: 'password' });
    // Nothing changed: the old password still signs in, under the old name.
    const again = await postJson(`${server.url}/api/login`, { name: alice.user.name, password: 'correct horse' });
    expect(again.status).toBe(200);
  });
});
