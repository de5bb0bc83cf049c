// What a screen reader user hears (issue 18): a message in a chat that is not open is announced
// politely ("New message from Bob: …", without the words while notifications hide them), the
// open chat's new messages are read as the chat shows them, and the unread count is part of the
// Chats button's and the chat row's names. Names carry Unicode isolation marks: hence \W?.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { chatRow, createAccount, mainNav, show, startChatWith } from './support/ui.js';

/** What the app's polite live region said last. */
function lastSaid(page: Page) {
  return page.getByTestId('announcer').locator('p').last();
}

test('messages are announced politely, and unread counts are in the names', async ({ launch, server, people }) => {
  const alice = (await launch('alice')).page;
  await createAccount(alice, server.url, 'Alice');
  const [bob, carol] = await Promise.all([people.register('Bob'), people.register('Carol')]);
  const announcer = alice.getByTestId('announcer');
  await expect(announcer).toHaveAttribute('aria-live', 'polite');

  // Alice reads her chat with Carol; Bob writes.
  await startChatWith(alice, 'Carol');
  await show(alice, 'Chats');
  await bob.send(await bob.idOf('Alice'), 'Lunch at noon?');
  await expect(lastSaid(alice)).toHaveText(/^New message from \W?Bob\W?: \W?Lunch at noon\?\W?$/);
  await expect(mainNav(alice).getByRole('button', { name: /^Chats/ })).toHaveAccessibleName('Chats, 1 unread');
  await expect(chatRow(alice, 'Bob').getByRole('button')).toHaveAccessibleName(/^\W?Bob\W? 1 unread$/);

  // The open chat's message is read as the chat shows it, never as "New message".
  await carol.send(await carol.idOf('Alice'), 'Are you coming?');
  await expect(lastSaid(alice)).toHaveText(/^\W?Carol\W?: \W?Are you coming\?\W?$/);
  await expect(announcer).not.toContainText('New message from \u2068Carol');

  // With notification content hidden, the announcement names the sender only.
  await show(alice, 'Settings');
  await alice.getByRole('checkbox', { name: 'Hide message content in notifications' }).check();
  await bob.send(await bob.idOf('Alice'), 'The code is 4711');
  await expect(lastSaid(alice)).toHaveText(/^New message from \W?Bob\W?$/);
  await expect(announcer).not.toContainText('4711');
  await expect(mainNav(alice).getByRole('button', { name: /^Chats/ })).toHaveAccessibleName('Chats, 2 unread');
});
