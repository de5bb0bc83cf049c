// Two people on one computer, each in their own profile, both using the bundled server that
// `npm start` shares (the app-instance fixture is a launcher minus its window: it takes and
// drops the lease). Closing the first window keeps the second online; the last one out
// stops the server.
import type { ChildProcess } from 'node:child_process';
import { freePort, startAppInstance } from '../support/app-instances.js';
import { isAlive } from '../../main/launcher/server-lock.js';
import { expect, test } from './support/fixtures.js';
import { Outsider } from './support/people.js';
import { connectionBanner, createAccount, message, sendAndWait, startChatWith } from './support/ui.js';

const instances: ChildProcess[] = [];
const serverPids: number[] = [];

test.afterEach(() => {
  for (const child of instances.splice(0)) child.kill('SIGKILL');
  for (const pid of serverPids.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

test('closing the first window keeps the second online; the last one out stops the bundled server', async ({
  launch,
  messengerHome,
}) => {
  const url = `http://127.0.0.1:${await freePort()}`;
  const aliceLauncher = startAppInstance(messengerHome, url, instances);
  const started = await aliceLauncher.next();
  serverPids.push(started.serverPid);
  expect(started.decision).toBe('start');
  const aliceApp = await launch('alice');
  await createAccount(aliceApp.page, url, 'Alice');

  const bobLauncher = startAppInstance(messengerHome, url, instances);
  expect(await bobLauncher.next()).toEqual({ decision: 'reuse', serverPid: started.serverPid });
  const bobApp = await launch('bob');
  const bob = bobApp.page;
  await createAccount(bob, url, 'Bob');

  await startChatWith(aliceApp.page, 'Bob');
  await sendAndWait(aliceApp.page, 'Heading home, talk tomorrow');
  await startChatWith(bob, 'Alice');
  await expect(message(bob, 'Heading home, talk tomorrow')).toBeVisible();

  // Alice quits: her window closes and her launcher lets go of the server.
  await aliceApp.close();
  expect(await aliceLauncher.quit()).toEqual({ released: 'kept', status: 0 });
  expect(isAlive(started.serverPid)).toBe(true);

  // Bob never noticed: still online, and what Carol writes reaches him.
  const carol = await Outsider.register(url, 'Carol');
  await carol.send(await carol.idOf('Bob'), 'Are you still there?');
  await expect(bob.getByTestId('chat-row').filter({ hasText: 'Are you still there?' })).toBeVisible();
  await expect(connectionBanner(bob)).toBeHidden();
  await sendAndWait(bob, 'See you, Alice');
  carol.close();

  // Bob quits last: the server goes with him.
  await bobApp.close();
  expect(await bobLauncher.quit()).toEqual({ released: 'stopped', status: 0 });
  expect(isAlive(started.serverPid)).toBe(false);
});
