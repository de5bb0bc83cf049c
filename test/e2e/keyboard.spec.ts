// Keyboard only, no mouse: sign in, open a chat, send, switch chats, open Settings and come
// back, delete a chat through its menu, and open the app again already signed in. At each
// step focus is where a person using the keyboard expects it, never dropped onto <body>.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { chatHeading, chatList, chatRow, composer, mainNav, message, password } from './support/ui.js';

function rowButton(page: Page, peer: string) {
  return chatRow(page, peer).getByRole('button');
}

function section(page: Page, name: 'Chats' | 'Contacts' | 'Settings') {
  return mainNav(page).getByRole('button', { name, exact: true });
}

test('a person who uses only the keyboard signs in, chats, visits Settings and deletes a chat', async ({
  launch,
  people,
}) => {
  const alice = await people.register('Alice', { online: false });
  const app = await launch('alice');
  let page = app.page;

  // Sign in: the name field has the focus, the server is already filled in.
  const nameField = page.getByRole('textbox', { name: 'Name' });
  await expect(nameField).toBeFocused();
  await page.keyboard.type('Alice');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(mainNav(page)).toBeVisible();
  // No chats yet: focus is in the app, on the search box, not on the body.
  const searchBox = page.getByRole('searchbox', { name: 'Search' });
  await expect(searchBox).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'Messenger' })).toBeAttached();

  const [bob, carol] = await Promise.all([people.register('Bob'), people.register('Carol')]);
  await bob.send(alice.id, 'Hello from Bob');
  await carol.send(alice.id, 'Hello from Carol');
  await expect(rowButton(page, 'Carol')).toBeVisible();
  await expect(rowButton(page, 'Bob')).toBeVisible();
  await expect(searchBox).toBeFocused();

  // The chat list is one Tab stop: Tab enters it at the top (Carol's is the newest chat),
  // the arrows move inside it, Enter opens the chat ready to type into.
  await page.keyboard.press('Tab');
  await expect(rowButton(page, 'Carol')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rowButton(page, 'Bob')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chatHeading(page, 'Bob')).toBeVisible();
  await expect(composer(page)).toBeFocused();

  // Send: Enter sends, the box empties and keeps the focus.
  await page.keyboard.type('Hi Bob, keyboard only');
  await page.keyboard.press('Enter');
  await expect(message(page, 'Hi Bob, keyboard only').last()).toHaveAttribute('data-state', 'sent');
  await expect(composer(page)).toHaveValue('');
  await expect(composer(page)).toBeFocused();

  // Switch chats: Esc closes Bob's chat and focus goes back to his row (now at the top);
  // ↓ and Enter open Carol's. Alt+↑ goes to the chat above, Bob's, ready to type.
  await page.keyboard.press('Escape');
  await expect(chatHeading(page, 'Bob')).toBeHidden();
  await expect(rowButton(page, 'Bob')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rowButton(page, 'Carol')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chatHeading(page, 'Carol')).toBeVisible();
  await expect(message(page, 'Hello from Carol')).toBeVisible();
  await expect(composer(page)).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(chatHeading(page, 'Bob')).toBeVisible();
  await expect(composer(page)).toBeFocused();

  // Settings and back: from the list, Shift+Tab passes the search box to the left bar, one
  // press per stop (the list is one stop, not one per chat).
  await page.keyboard.press('Escape');
  await expect(rowButton(page, 'Bob')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(searchBox).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(section(page, 'Settings')).toBeFocused();
  await page.keyboard.press('Enter');
  const settings = page.getByRole('complementary', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await expect(section(page, 'Settings')).toHaveAttribute('aria-current', 'page');
  await expect(section(page, 'Settings')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(settings.locator(':focus')).toHaveCount(1);

  await page.keyboard.press('Shift+Tab');
  await expect(section(page, 'Settings')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(section(page, 'Chats')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chatList(page)).toBeVisible();
  await expect(section(page, 'Chats')).toBeFocused();
  // Past the left bar's other two sections, to the search box and the list.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(section(page, 'Settings')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(searchBox).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(rowButton(page, 'Bob')).toBeFocused();

  // Delete Carol's chat through its menu: Shift+F10 opens it on the focused row, End goes
  // to its last item, Delete chat. The dialog starts on Cancel; Tab, Enter deletes, and
  // focus lands on the row left in the list.
  await page.keyboard.press('ArrowDown');
  await expect(rowButton(page, 'Carol')).toBeFocused();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: /Carol/ });
  await expect(menu.getByRole('menuitem', { name: 'Mark as read' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Delete chat' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /^Delete the chat with \W?Carol\W?\?$/ });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(chatRow(page, 'Carol')).toHaveCount(0);
  await expect(rowButton(page, 'Bob')).toBeFocused();

  // Opened again, already signed in: focus starts on the chat list's row.
  await app.close();
  page = (await launch('alice')).page;
  await expect(mainNav(page)).toBeVisible();
  await expect(rowButton(page, 'Bob')).toBeFocused();
});
