// `npm run admin`: a real process on a data folder makes an invite that a real server (in
// invite mode) then takes exactly as many times as it was made for, and lists the accounts.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { postJson } from '../support/clients.js';
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
  expect(listed).toMatchObject({ code: 0, stdout: '1\tAnn\tadmin\tactive\tnever\n2\tBob\tmember\tactive\tnever\n' });
});

it('refuses a bad option or command with exit status 2 and the reason, writing nothing', async () => {
  const dataDir = tempDir();
  for (const [args, reason] of [
    [['invite', '--uses', '0', '--data', dataDir], '--uses must be a whole number from 1 to 1000000, not "0".'],
    [['invite', '--expires', '7 days', '--data', dataDir], '--expires must be a number of minutes'],
    [['invite', '--colour', 'red'], 'Unknown option --colour.'],
    [['frobnicate'], 'Unknown command frobnicate.'],
    [['promote'], 'promote needs the name of an account.'],
  ] as const) {
    const result = await admin([...args]);
    expect(result.code, args.join(' ')).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(reason);
  }
  expect(await admin(['users', '--data', dataDir])).toMatchObject({ code: 0, stdout: '' });
});
