// `npm run admin`: a real process on a data folder makes an invite that a real server (in
// invite mode) then takes exactly as many times as it was made for, and lists the accounts.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../support/chat-helpers.js';
import { connect, postJson, register } from '../support/clients.js';
import { whenDisconnected } from '../support/raw-sockets.js';
import { projectRoot } from '../support/process.js';
import { startTestServer, tempDir, type TestServer } from '../support/server.js';

const run = promisify(execFile);
let server: TestServer | undefined;
afterEach(() => server?.close());

/** Runs the admin tool; MESSENGER_* of the runner are not passed on. */
async function admin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MESSENGER_')));
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', path.join('server', 'admin-cli.ts'), ...args],
      {
        cwd: projectRoot,
        env,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const login = (name: string, password: string) => postJson(`${server!.url}/api/login`, { name, password });

it('prints an invite code as the last line that registers as many users as it was made for', async () => {
  const dataDir = tempDir();
  const made = await admin(['invite', '--uses', '2', '--expires=7d', '--data', dataDir]);
  expect(made.code).toBe(0);
  const code = made.stdout.trimEnd().split('\n').at(-1)!;
  expect(code).toMatch(/^[\w-]{43}$/);

  server = await startTestServer({ dataDir, registration: 'invite' });
  const register = (name: string) =>
    postJson(`${server!.url}/api/register`, { name, password: 'correct horse', invite: code });
  expect((await register('Ann')).status).toBe(201);
  expect((await register('Bob')).status).toBe(201);
  expect((await register('Cy')).status).toBe(403);
  await server.close();
  server = undefined;

  const listed = await admin(['users', `--data=${dataDir}`]);
  // Registering signs in, which counts as being seen.
  const seen = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z';
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(
    new RegExp(`^1\\tAnn\\tadmin\\tactive\\t${seen}\\n2\\tBob\\tmember\\tactive\\t${seen}\\n$`),
  );
});

// Six CLI processes, each compiling its TypeScript at start: on a busy machine that takes a while.
it(
  'refuses a bad option or command with exit status 2 and the reason, writing nothing',
  { timeout: 90_000 },
  async () => {
    const dataDir = tempDir();
    const refusals = [
      [['invite', '--uses', '0', '--data', dataDir], '--uses must be a whole number from 1 to 1000000, not "0".'],
      [['invite', '--expires', '7 days', '--data', dataDir], '--expires must be a number of minutes'],
      [['invite', '--colour', 'red'], 'Unknown option --colour.'],
      [['frobnicate'], 'Unknown command frobnicate.'],
      [['promote'], 'promote needs the name of an account.'],
    ] as const;
    const results = await Promise.all(refusals.map(([args]) => admin([...args])));
    for (const [i, [args, reason]] of refusals.entries()) {
      expect(results[i]!.code, args.join(' ')).toBe(2);
      expect(results[i]!.stderr.split('\n')[0]).toContain(reason);
    }
    expect(await admin(['users', '--data', dataDir])).toMatchObject({ code: 0, stdout: '' });
  },
);

describe('account commands against a running server', () => {
  const lastLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1)!;

  it('deactivate disconnects the user at once and refuses them; the others change roles and passwords', async () => {
    const dataDir = tempDir();
    server = await startTestServer({ dataDir });
    const boss = await register(server.url, 'Boss');
    const member = await register(server.url, 'Mia');
    const socket = await connect(server.url, member.token);
    const watcher = await connect(server.url, boss.token);
    try {
      const disconnected = whenDisconnected(socket);
      const deactivated = await admin(['deactivate', 'mia', '--data', dataDir]);
      expect(deactivated).toMatchObject({ code: 0 });
      expect(lastLine(deactivated.stdout)).toBe('Mia is deactivated; their sessions have ended.');
      // The server acts on it by itself (its access watch), without a request from anyone.
      expect(await disconnected).toBe('io server disconnect');
      await expect(connect(server.url, member.token)).rejects.toThrow('unauthorized');
      expect((await login('Mia', 'correct horse')).status).toBe(403);
      expect((await ok(watcher, 'users:list', {})).users).toEqual([]);

      const listed = await admin(['users', '--data', dataDir]);
      expect(
        listed.stdout
          .trimEnd()
          .split('\n')
          .map((line) => line.split('\t').slice(0, 4)),
      ).toEqual([
        ['1', 'Boss', 'admin', 'active'],
        ['2', 'Mia', 'member', 'deactivated'],
      ]);
      expect(lastLine((await admin(['reactivate', 'Mia', '--data', dataDir])).stdout)).toBe('Mia is active again.');
      expect((await login('Mia', 'correct horse')).status).toBe(200);

      // The last active admin stays one; an unknown name changes nothing.
      for (const args of [
        ['demote', 'boss'],
        ['deactivate', 'Boss'],
        ['promote', 'nobody'],
      ]) {
        const refused = await admin([...args, '--data', dataDir]);
        expect(refused.code, args.join(' ')).toBe(1);
        expect(refused.stderr, args.join(' ')).toMatch(/last active administrator|no account named "nobody"/);
      }
      expect(lastLine((await admin(['promote', 'mia', '--data', dataDir])).stdout)).toBe('Mia is an administrator.');
      expect(lastLine((await admin(['demote', 'boss', '--data', dataDir])).stdout)).toBe('Boss is a member.');

      const reset = await admin(['reset-password', 'Boss', '--data', dataDir]);
      expect(reset.code).toBe(0);
      expect((await login('Boss', 'correct horse')).status).toBe(401);
      expect((await login('Boss', lastLine(reset.stdout))).status).toBe(200);
      const sessions = await admin(['sessions', 'Boss', '--data', dataDir]);
      expect(sessions.stdout.trimEnd().split('\n')).toHaveLength(1);
      expect(lastLine(sessions.stdout).split('\t')).toHaveLength(4);

      const made = await admin(['create-user', 'Neo', '--data', dataDir]);
      expect(made.code).toBe(0);
      expect((await login('Neo', lastLine(made.stdout))).status).toBe(200);
      expect(await admin(['create-user', 'NEO', '--data', dataDir])).toMatchObject({ code: 1 });
      expect(await admin(['create-user', 'x'.repeat(40), '--data', dataDir])).toMatchObject({ code: 1 });
    } finally {
      socket.close();
      watcher.close();
    }
    // Sixteen runs of the tool, each a new Node process.
  }, 60_000);
});
