// The axe-core audit (WCAG 2.0/2.1/2.2 A and AA, and Deque's best practices) of every state
// a person meets: one window walked from the sign-in screen through the chat list, contacts,
// a conversation, settings and the overlays, then again in the dark theme and in 中文. Any
// violation in any state fails the test, listed with its rule, impact, elements and summary.
// Beyond the states issue 18 names, the walk also passes the other overlays on its way: the
// message menu, the forward dialog, the emoji picker, search results, the palette and the
// contacts with no match, the sign-out dialog.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import {
  chatList,
  chatRow,
  chatRowAction,
  composer,
  contact,
  contactsList,
  createAccount,
  mainNav,
  message,
  openChatRow,
  show,
  signIn,
  unreadBadge,
} from './support/ui.js';

const tags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];

// Alice administers the server, so Settings shows its Admin section too.
test.use({ serverOptions: { admin: 'Alice' } });

/** One line per failing element: where, which rule, how bad, and what axe says is wrong. */
async function audit(page: Page, state: string): Promise<string[]> {
  // Legacy mode runs axe in the window itself: the default finishes in a second page, and the
  // Chromium shell closes every page but its one window (the app has no frames to miss).
  const { violations } = await new AxeBuilder({ page }).withTags(tags).setLegacyMode().analyze();
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `[${state}] ${violation.id} (${node.impact ?? violation.impact ?? 'unknown'}) at ${node.target.join(' ')}: ` +
        (node.failureSummary ?? violation.help).replace(/\s+/g, ' '),
    ),
  );
}

/** The setting's drop-down, found by an option it offers: its own name changes with the language. */
async function chooseSetting(page: Page, option: string, choice: string): Promise<void> {
  await page
    .getByRole('combobox')
    .filter({ has: page.getByRole('option', { name: option, exact: true }) })
    .selectOption({ label: choice });
}

test('axe-core finds no WCAG 2.2 AA or best-practice violation in any state', async ({ launch, server, people }) => {
  // One window walked through two dozen states, each a full axe run: cheaper than a launch each.
  test.setTimeout(150_000);
  const page = (await launch('alice')).page;
  const found: string[] = [];
  const check = async (state: string) => {
    await test.step(`audit: ${state}`, async () => {
      found.push(...(await audit(page, state)));
    });
  };

  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await check('sign-in');
  await signIn(page, server.url, 'Nobody', 'not the password');
  await expect(page.getByRole('alert')).toContainText(/wrong name or password/i);
  await check('sign-in with an error');

  await createAccount(page, server.url, 'Alice');
  const [bob, carol, dave] = await Promise.all([
    people.register('Bob'),
    people.register('Carol', { online: true }),
    people.register('Dave'),
  ]);
  const aliceId = await bob.idOf('Alice');
  await bob.send(aliceId, 'Are you coming to the concert tonight?');
  await bob.send(aliceId, 'Doors open at 7');
  await carol.send(aliceId, 'The slides are ready for review');
  // Dave's chat is never opened: its badge stays for the palette and the later states.
  await dave.send(aliceId, 'Lunch on Thursday?');
  await expect(unreadBadge(chatRow(page, 'Bob'))).toBeVisible();
  await expect(unreadBadge(chatRow(page, 'Carol'))).toBeVisible();
  await expect(unreadBadge(chatRow(page, 'Dave'))).toBeVisible();
  await check('chat list with unread badges');

  await show(page, 'Contacts');
  await expect(contact(page, 'Carol')).toBeVisible();
  await expect(contactsList(page).getByRole('img', { name: 'online' })).not.toHaveCount(0);
  await check('contacts');
  await page.getByRole('textbox', { name: 'Search contacts' }).fill('nobody by that name');
  await expect(contact(page, 'Carol')).toBeHidden();
  await check('contacts: no match');
  await page.getByRole('textbox', { name: 'Search contacts' }).fill('');

  await show(page, 'Chats');
  await openChatRow(page, 'Bob');
  await expect(message(page, 'Doors open at 7')).toBeVisible();
  await check('open conversation');
  await message(page, 'Doors open at 7').click({ button: 'right' });
  await expect(page.getByRole('menu', { name: 'Message actions' })).toBeVisible();
  await check('message actions menu');
  await page.getByRole('menuitem', { name: 'Forward…' }).click();
  const forward = page.getByRole('dialog', { name: 'Forward to…' });
  await expect(forward).toBeVisible();
  await check('forward dialog');
  await forward.getByRole('button', { name: 'Cancel' }).click();
  await expect(forward).toBeHidden();

  await composer(page).fill('See you at the door');
  await check('draft in the composer');
  await page.getByRole('button', { name: 'Emoji', exact: true }).click();
  const picker = page.getByRole('dialog', { name: 'Emoji' });
  await expect(picker.getByRole('button', { name: 'grinning face', exact: true })).toBeVisible();
  await check('emoji picker');
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await openChatRow(page, 'Carol');
  await expect(chatRow(page, 'Bob')).toContainText('See you at the door');
  await check('draft shown in the chat list');

  await page.keyboard.press('ControlOrMeta+k');
  const palette = page.getByRole('dialog', { name: 'Jump to chat' });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('option', { name: /Dave/ })).toBeVisible();
  await check('Ctrl+K palette');
  await palette.getByRole('textbox', { name: 'Chat name' }).fill('nobody by that name');
  await expect(palette.getByRole('option')).toHaveCount(0);
  await check('Ctrl+K palette, no match');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('concert');
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await check('message search');
  await search.fill('');
  await expect(chatRow(page, 'Bob')).toBeVisible();

  await chatRow(page, 'Bob').click({ button: 'right' });
  await expect(page.getByRole('menuitem', { name: 'Delete chat' })).toBeVisible();
  await check('chat context menu');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();

  await chatRowAction(page, 'Bob', 'Delete chat');
  const deleteDialog = page.getByRole('dialog', { name: /^Delete/ });
  await expect(deleteDialog).toBeVisible();
  await check('delete-chat dialog');
  await deleteDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(deleteDialog).toBeHidden();

  await show(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Admin', exact: true })).toBeVisible();
  await check('settings');
  await page.getByRole('button', { name: 'Sign out…' }).click();
  const signOut = page.getByRole('dialog');
  await expect(signOut.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await check('sign-out dialog');
  await signOut.getByRole('button', { name: 'Cancel' }).click();
  await expect(signOut).toBeHidden();

  await chooseSetting(page, 'Dark', 'Dark');
  await show(page, 'Chats');
  await expect(chatList(page)).toBeVisible();
  await check('dark: chat list');
  await openChatRow(page, 'Bob');
  await expect(message(page, 'Doors open at 7')).toBeVisible();
  await check('dark: open conversation');

  await show(page, 'Settings');
  await chooseSetting(page, 'English', '中文');
  await expect(mainNav(page)).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveAccessibleName(/[\u4e00-\u9fff]/);
  await check('中文: settings');
  await page.getByRole('navigation').getByRole('button', { name: /^聊天/ }).click();
  await expect(chatRow(page, 'Carol')).toBeVisible();
  await check('中文: chat list');
  await openChatRow(page, 'Bob');
  // By the message itself: the list around it is named and roled in the current language.
  await expect(page.getByTestId('message').filter({ hasText: 'Doors open at 7' })).toBeVisible();
  await check('中文: open conversation');

  expect(found.length, `axe-core violations:\n${found.join('\n')}\n`).toBe(0);
});
