// Settings → Admin on an invite-only server: the first administrator invites someone from the
// window, the newcomer joins with the code, a member sees no Admin section, and deactivating
// them signs their window out.
import { createInvite } from '../../server/accounts/invites.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { postJson } from '../support/clients.js';
import { expect, test } from './support/fixtures.js';
import { screenshot } from './support/screenshots.js';
import { connectionBanner, mainNav, password, show, signIn } from './support/ui.js';

test.use({ serverOptions: { registration: 'invite', admin: 'Alice' } });

/** Registers through the HTTP API with an invite code (the sign-in screen's invite field is the account pane's work). */
async function registerWith(serverUrl: string, name: string, invite: string): Promise<void> {
  const { status, body } = await postJson(`${serverUrl}/api/register`, { name, password, invite });
  if (status !== 201) throw new Error(`register ${name}: ${status} ${JSON.stringify(body)}`);
}

/** The first code, as `npm run admin -- invite` makes it: straight into the server's data folder. */
async function firstInvite(dataDir: string): Promise<string> {
  const store = new SqliteStore(dataDir);
  try {
    return await createInvite(store, { uses: 1, now: Date.now() });
  } finally {
    await store.close();
  }
}

test('an admin invites someone, a member sees no Admin, and deactivating signs them out', async ({
  launch,
  server,
}) => {
  await registerWith(server.url, 'Alice', await firstInvite(server.dataDir));
  const alice = (await launch('alice')).page;
  await signIn(alice, server.url, 'Alice');
  await expect(mainNav(alice)).toBeVisible();
  await show(alice, 'Settings');
  const admin = alice.getByRole('region', { name: 'Admin', exact: true });
  await expect(admin).toBeVisible();

  const invites = admin.getByRole('region', { name: 'Invites' });
  await invites.getByRole('spinbutton', { name: 'Accounts it can create' }).fill('2');
  await invites.getByRole('combobox', { name: 'Expires' }).selectOption({ label: 'In 7 days' });
  await invites.getByRole('button', { name: 'Invite', exact: true }).click();
  const code = (await invites.getByTestId('one-time-secret').textContent())?.trim() ?? '';
  expect(code).not.toBe('');
  await expect(invites.getByTestId('admin-invite')).toHaveCount(1);
  await expect(invites.getByTestId('admin-invite')).toContainText('2 left');

  await registerWith(server.url, 'Bob', code);
  const bob = (await launch('bob')).page;
  await signIn(bob, server.url, 'Bob');
  await expect(mainNav(bob)).toBeVisible();
  await show(bob, 'Settings');
  await expect(bob.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(bob.getByRole('region', { name: 'Admin', exact: true })).toHaveCount(0);

  // Reopening Settings lists the users again, Bob among them.
  await show(alice, 'Chats');
  await show(alice, 'Settings');
  const bobRow = admin.getByTestId('admin-user').filter({ hasText: 'Bob' });
  await expect(bobRow).toContainText('Member');
  // Runs in the page; the test project is compiled without DOM types.
  await admin.evaluate((section: any) => section.scrollIntoView({ block: 'start' }));
  await screenshot(alice, 'admin', { forDocs: true });

  await bobRow.getByRole('button', { name: 'Deactivate' }).click();
  const confirm = alice.getByRole('dialog', { name: /^Deactivate/ });
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await expect(confirm).toBeHidden();
  await expect(bobRow).toContainText('Deactivated');
  await expect(bob.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(connectionBanner(alice)).toBeHidden();
});
