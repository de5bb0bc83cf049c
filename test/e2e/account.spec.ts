// Issue 13's self-service in the window: signing up on an invite-only server with a code, a
// password change in one window ending the other window's session, and a rename and an
// account deletion seen by the person on the other side of a chat.
import type { Page } from '@playwright/test';
import { createInvite } from '../../server/accounts/invites.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { expect, test } from './support/fixtures.js';
import { screenshot } from './support/screenshots.js';
import {
  chatHeading,
  chatRow,
  connectionBanner,
  createAccount,
  fillSignIn,
  mainNav,
  password,
  send,
  show,
  signIn,
  startChatWith,
} from './support/ui.js';

/** Settings → Account, scrolled into view. */
async function accountSection(page: Page) {
  await show(page, 'Settings');
  const section = page.getByRole('region', { name: 'Account', exact: true });
  await section.scrollIntoViewIfNeeded();
  return section;
}

test.describe('on an invite-only server', () => {
  test.use({ serverOptions: { registration: 'invite' } });

  test('signs up with an invite code, and not without one', async ({ launch, server }) => {
    const store = new SqliteStore(server.dataDir);
    const code = await createInvite(store, { now: Date.now() }).finally(() => store.close());
    const page = (await launch('ivy')).page;

    await fillSignIn(page, server.url, 'Ivy');
    const invite = page.getByRole('textbox', { name: 'Invite code' });
    await expect(invite).toBeVisible();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert')).toHaveText('Enter the invite code to create an account on this server.');

    await invite.fill('not-a-code');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert')).toContainText('invite code');
    await expect(mainNav(page)).toBeHidden();

    await invite.fill(code);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(mainNav(page)).toBeVisible();
    await expect(connectionBanner(page)).toBeHidden();
  });
});

test('a password changed in one window ends the session of the other', async ({ launch, server }) => {
  const first = (await launch('alice-desk')).page;
  await createAccount(first, server.url, 'Alice');
  const second = (await launch('alice-laptop')).page;
  await signIn(second, server.url, 'Alice');
  await expect(mainNav(second)).toBeVisible();
  await expect(connectionBanner(second)).toBeHidden();

  const account = await accountSection(first);
  const sessions = account.getByRole('region', { name: 'Your sessions' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByRole('listitem').filter({ hasText: 'This device' })).toHaveCount(1);
  await first.getByRole('combobox', { name: 'Theme', exact: true }).selectOption({ label: 'Light' });
  await account.scrollIntoViewIfNeeded();
  await screenshot(first, 'settings-account', { forDocs: true });

  await account.getByLabel('Current password').fill(password);
  await account.getByLabel('New password', { exact: true }).fill('a brand new password');
  await account.getByLabel('New password again').fill('a brand new password');
  await account.getByRole('button', { name: 'Change password' }).click();
  await expect(account.getByRole('status')).toHaveText('Password changed. Your other devices are signed out.');

  await expect(connectionBanner(second)).toContainText('Your session has ended');
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  await expect(connectionBanner(first)).toBeHidden();
});

test('a rename and then a deleted account are seen by the peer', async ({ launch, server }) => {
  const alice = (await launch('alice')).page;
  const bob = (await launch('bob')).page;
  // Bob first: the first account is the server's only admin, who may not delete their account.
  await createAccount(bob, server.url, 'Bob');
  await createAccount(alice, server.url, 'Alice');
  await startChatWith(bob, 'Alice');
  await send(bob, 'hello Alice');

  const account = await accountSection(alice);
  const name = account.getByRole('textbox', { name: 'Display name' });
  await name.fill('Alice Liddell');
  await name.press('Enter');
  await expect(account.getByTestId('account-name')).toHaveText('Alice Liddell');
  await expect(chatHeading(bob, 'Alice Liddell')).toBeVisible();
  await expect(chatRow(bob, 'Alice Liddell')).toBeVisible();

  await account.getByLabel('Password', { exact: true }).fill(password);
  await account.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = alice.getByRole('dialog');
  await expect(dialog).toContainText('cannot be undone');
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(alice.getByRole('button', { name: 'Sign in' })).toBeVisible();

  await expect(chatHeading(bob, 'Deleted user')).toBeVisible();
  await expect(chatRow(bob, 'Deleted user')).toBeVisible();
  // The peer keeps their copy of the chat.
  await expect(bob.getByTestId('message').filter({ hasText: 'hello Alice' })).toBeVisible();
});
