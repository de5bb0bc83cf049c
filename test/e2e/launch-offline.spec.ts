// Issue 19: the window shows the cached chat list while the server is still down, says
// nothing about it during the grace period (the core's clock is a manual one here), says
// "offline" once the period is over, and keeps the list when the server comes back.
import fs from 'node:fs';
import { offlineGraceMs } from '../../main/core/connection/offline-grace.js';
import { profileDir } from '../../main/launcher/app-paths.js';
import { ManualTimers } from '../support/manual-timers.js';
import { writeCachedProfile } from './support/cached-chats.js';
import { expect, test } from './support/fixtures.js';
import { chatRow, connectionBanner } from './support/ui.js';

test('starts with the server down: the cached list at once, "offline" only after the grace period, the list kept when it is back', async ({
  launch,
  messengerHome,
  people,
  server,
}) => {
  const alice = await people.register('Alice', { online: false });
  const bob = await people.register('Bob');
  await bob.send(alice.id, 'Are you there?');
  const dir = profileDir(messengerHome, 'alice');
  await writeCachedProfile(dir, [], {
    serverUrl: server.url,
    user: { id: alice.id, name: alice.name },
    token: alice.token,
  });

  // Once online: the core caches Bob's chat.
  const first = await launch('alice');
  await expect(chatRow(first.page, 'Bob')).toBeVisible();
  await expect(connectionBanner(first.page)).toHaveAttribute('data-connection', 'online');
  await first.close();

  await server.stop();
  const timers = new ManualTimers();
  const app = await launch('alice', { timers });
  const { page } = app;
  await expect(chatRow(page, 'Bob')).toBeVisible();

  // The core has been refused (it logs the first refusal) and still says "connecting": no banner.
  await expect.poll(() => fs.readFileSync(app.logFile, 'utf8')).toMatch(/the server does not answer yet/);
  const told = await page.evaluate(
    async () => ((await (globalThis as any).messenger.snapshot()) as { connection: string }).connection,
  );
  expect(told).toBe('connecting');
  await expect(connectionBanner(page)).toHaveAttribute('data-connection', 'connecting');
  await expect(connectionBanner(page)).toBeHidden();

  // The grace period ends with the server still down: now the window says so.
  timers.advance(offlineGraceMs);
  await expect(connectionBanner(page)).toBeVisible();
  await expect(connectionBanner(page)).toContainText('Offline');
  await expect(chatRow(page, 'Bob')).toBeVisible();

  // The server comes back: socket.io's own retry (at most 5 s apart) reconnects, the list stays.
  await server.start();
  await expect(connectionBanner(page)).toHaveAttribute('data-connection', 'online', { timeout: 15_000 });
  await expect(connectionBanner(page)).toBeHidden();
  await expect(chatRow(page, 'Bob')).toBeVisible();
});
