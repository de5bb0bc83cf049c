// What a WeChat user expects of the desktop app: times in the chat, a sign-in error beside the
// field it concerns (without moving the form), Do not disturb until tomorrow morning kept
// across a restart, and the banner saying why the server went away.
import { expect, test } from './support/fixtures.js';
import {
  connectionBanner,
  createAccount,
  fillSignIn,
  mainNav,
  message,
  messageLog,
  openChatRow,
  password,
  sendAndWait,
  show,
} from './support/ui.js';

/** Reconnecting backs off up to 10 s (with jitter) while the server is away. */
const reconnect = { timeout: 30_000 };
/** A time of day, in 12 or 24 hours as the locale writes it. */
const clock = /^\d{1,2}:\d{2}( [AP]M)?$/;

test('a taken name is said beside the name field, without moving the form; the chat shows times', async ({
  launch,
  server,
  people,
}) => {
  const bob = await people.register('Bob');
  const page = (await launch('alice')).page;

  const name = page.getByRole('textbox', { name: 'Name' });
  const form = page.locator('form.sign-in-form');
  // The rules are there before submitting.
  await expect(name).toHaveAccessibleDescription(/^1 to \d+ characters\.$/);
  await fillSignIn(page, server.url, 'Bob', password);
  const before = await form.boundingBox();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(name).toHaveAccessibleDescription('That name is taken');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Password', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  expect((await form.boundingBox())?.height).toBe(before?.height);

  await createAccount(page, server.url, 'Alice');
  await bob.send(await bob.idOf('Alice'), 'Lunch at noon?');
  await openChatRow(page, 'Bob');
  await expect(message(page, 'Lunch at noon?')).toBeVisible();
  await sendAndWait(page, 'Yes, see you there');
  // One label before the first message; the reply within 5 minutes gets none.
  const labels = messageLog(page).locator('.time-label time');
  await expect(labels).toHaveCount(1);
  await expect(labels.first()).toHaveText(clock);
});

test('Do not disturb until tomorrow 8:00 is kept across a restart', async ({ launch, server }) => {
  const app = await launch('alice');
  await createAccount(app.page, server.url, 'Alice');
  await show(app.page, 'Settings');
  const group = app.page.getByRole('group', { name: 'Do not disturb' });
  await expect(group.getByRole('radio', { name: 'Off' })).toBeChecked();
  await group.getByRole('radio', { name: /^Until tomorrow / }).check();
  await expect(group).toContainText(/On until .+\./);

  await app.close();
  const again = (await launch('alice')).page;
  await expect(mainNav(again)).toBeVisible();
  await show(again, 'Settings');
  const kept = again.getByRole('group', { name: 'Do not disturb' });
  await expect(kept.getByRole('radio', { name: /^Until tomorrow / })).toBeChecked();
  await expect(kept).toContainText(/On until .+\./);
});

test('the banner says the server was stopped, and goes when it is back', async ({ launch, server }) => {
  test.setTimeout(60_000);
  const page = (await launch('alice')).page;
  await createAccount(page, server.url, 'Alice');

  // Stopping says why to every connected client (server:closing) before it disconnects them.
  await server.stop();
  const banner = connectionBanner(page);
  await expect(banner).toBeVisible();
  // The server's own sentence.
  await expect(banner).toHaveAttribute('data-server-notice', 'shutdown');
  await expect(banner).toContainText(
    /^The server was stopped: The server was stopped by its owner\. Reconnecting when it is back\.since \d/,
  );
  await expect(banner.locator('time')).toHaveText(/^since \d{1,2}:\d{2}( [AP]M)?$/);

  await server.start();
  await expect(banner).toBeHidden(reconnect);
  await expect(banner).not.toHaveAttribute('data-server-notice', /./);
});
