// Two people in two windows on one real server: they register, find each other, chat both
// ways, see unread counts rise and clear, see each other type, and delete their own copy.
import { expect, test } from './support/fixtures.js';
import { talking } from './support/scenes.js';
import { screenshot } from './support/screenshots.js';
import { atMostPending } from '../support/pending.js';
import {
  chatHeading,
  chatList,
  chatOrder,
  chatRow,
  chatRowAction,
  chatStatus,
  composer,
  contact,
  dialogAfterImageError,
  presence,
  createAccount,
  fillSignIn,
  message,
  messages,
  openChatRow,
  send,
  sendAndWait,
  show,
  unreadBadge,
} from './support/ui.js';

test('two people register, find each other in Contacts and chat both ways', async ({ launch, server, people }) => {
  const [aliceApp, bobApp] = await Promise.all([launch('alice'), launch('bob')]);
  const alice = aliceApp.page;
  const bob = bobApp.page;

  await expect(alice.getByRole('textbox', { name: 'Server' })).toHaveValue(server.url);
  await fillSignIn(alice, server.url, 'Alice');
  await screenshot(alice, 'sign-in', { forDocs: true });
  await createAccount(alice, server.url, 'Alice');
  await createAccount(bob, server.url, 'Bob');
  const carol = await people.register('Carol');
  await people.register('Dave', { online: false });

  // Alice looks Bob up in her contacts: everyone on the server, with who is online.
  await show(alice, 'Contacts');
  await expect(contact(alice, 'Bob')).toBeVisible();
  await expect(contact(alice, 'Carol')).toBeVisible();
  await expect(contact(alice, 'Dave')).toBeVisible();
  await expect(presence(alice, 'Bob')).toHaveAccessibleName('online');
  await expect(presence(alice, 'Carol')).toHaveAccessibleName('online');
  await expect(presence(alice, 'Dave')).toHaveAccessibleName('offline');
  await screenshot(alice, 'contacts', { forDocs: true });
  await alice.getByRole('textbox', { name: 'Search contacts' }).fill('bo');
  await expect(contact(alice, 'Bob')).toBeVisible();
  await expect(contact(alice, 'Carol')).toBeHidden();
  await contact(alice, 'Bob').click();
  await expect(chatHeading(alice, 'Bob')).toBeVisible();
  await expect(chatStatus(alice)).toHaveText('online');

  await sendAndWait(alice, 'Hi Bob! Lunch at noon?');

  // Bob has not opened the chat: it is unread, in the list and in the window title.
  const row = chatRow(bob, 'Alice');
  await expect(unreadBadge(row)).toHaveAttribute('aria-label', '1 unread');
  await expect(bob).toHaveTitle('Messenger (1) — Bob');
  await openChatRow(bob, 'Alice');
  await expect(message(bob, 'Hi Bob! Lunch at noon?')).toBeVisible();
  await expect(unreadBadge(row)).toBeHidden();
  await expect(bob).toHaveTitle('Messenger — Bob');

  await sendAndWait(bob, 'Sure, the noodle place?');
  await expect(message(alice, 'Sure, the noodle place?')).toBeVisible();
  // Shift+Enter is a new line; Enter sends both lines as one message.
  await composer(alice).fill('Perfect.');
  await composer(alice).press('Shift+Enter');
  await composer(alice).pressSequentially('See you there at 12');
  await composer(alice).press('Enter');
  await expect(message(bob, 'See you there at 12')).toHaveCount(1);
  expect(await message(bob, 'See you there at 12').innerText()).toMatch(/Perfect\.\s*\n\s*See you there at 12/);
  await sendAndWait(bob, 'Great, I will book a table');

  const conversation = [
    'Hi Bob! Lunch at noon?',
    'Sure, the noodle place?',
    'See you there at 12',
    'Great, I will book a table',
  ];
  for (const page of [alice, bob]) {
    await expect(messages(page)).toHaveCount(conversation.length);
    const texts = await messages(page).allInnerTexts();
    conversation.forEach((line, i) => expect(texts[i]).toContain(line));
  }
  // The chat stayed open on both sides, so nothing was ever unread for Alice.
  await expect(alice).toHaveTitle('Messenger — Alice');

  // Someone else writes meanwhile: a second row with a badge, and the title counts it.
  await carol.send(await carol.idOf('Alice'), 'Are we still on for Friday?');
  await expect(unreadBadge(chatRow(alice, 'Carol'))).toHaveAttribute('aria-label', '1 unread');
  await expect(alice).toHaveTitle('Messenger (1) — Alice');
  await screenshot(alice, 'conversation', { forDocs: true });
});

test('unread badges and the title count rise with new messages and clear on open', async ({
  launch,
  server,
  people,
}) => {
  const alice = (await launch('alice')).page;
  await createAccount(alice, server.url, 'Alice');
  const [bob, carol, dave] = await Promise.all([
    people.register('Bob'),
    people.register('Carol'),
    people.register('Dave'),
  ]);
  const aliceId = await bob.idOf('Alice');

  for (const line of ['Are you coming tonight?', 'I have two tickets', 'It starts at eight'])
    await bob.send(aliceId, line);
  await expect(unreadBadge(chatRow(alice, 'Bob'))).toHaveAttribute('aria-label', '3 unread');
  await expect(unreadBadge(chatRow(alice, 'Bob'))).toHaveText('3');
  await expect(alice).toHaveTitle('Messenger (3) — Alice');

  for (const line of ['Happy birthday!', 'Cake is in the fridge 🎂']) await carol.send(aliceId, line);
  await expect(unreadBadge(chatRow(alice, 'Carol'))).toHaveAttribute('aria-label', '2 unread');
  await expect(alice).toHaveTitle('Messenger (5) — Alice');

  // 120 unread show as 99+; the title keeps the true total. At most 32 sends wait on one socket (protocol §6.2).
  await atMostPending(120, (i) => dave.send(aliceId, `Build ${i + 1} is green`));
  await expect(unreadBadge(chatRow(alice, 'Dave'))).toHaveText('99+');
  await expect(unreadBadge(chatRow(alice, 'Dave'))).toHaveAttribute('aria-label', '120 unread');
  await expect(alice).toHaveTitle('Messenger (125) — Alice');
  await carol.send(aliceId, 'Call me when you can');
  await expect(alice).toHaveTitle('Messenger (126) — Alice');
  // Newest first.
  await expect.poll(() => chatOrder(alice, ['Bob', 'Carol', 'Dave'])).toEqual(['Carol', 'Dave', 'Bob']);
  await expect(chatList(alice).getByTestId('chat-row')).toHaveCount(3);
  await screenshot(alice, 'chat-list-unread', { forDocs: true });

  // Opening a chat clears its count, and what arrives while it is open is read at once.
  await openChatRow(alice, 'Bob');
  await expect(message(alice, 'It starts at eight')).toBeVisible();
  await expect(unreadBadge(chatRow(alice, 'Bob'))).toBeHidden();
  await expect(alice).toHaveTitle('Messenger (123) — Alice');
  await bob.send(aliceId, 'Row 12, seats 3 and 4');
  await expect(message(alice, 'Row 12, seats 3 and 4')).toBeVisible();
  await expect(unreadBadge(chatRow(alice, 'Bob'))).toBeHidden();
  await expect(alice).toHaveTitle('Messenger (123) — Alice');

  // Mark as read from the context menu, without opening the chat.
  await chatRowAction(alice, 'Carol', 'Mark as read');
  await expect(unreadBadge(chatRow(alice, 'Carol'))).toBeHidden();
  await expect(alice).toHaveTitle('Messenger (120) — Alice');
  await chatRowAction(alice, 'Dave', 'Mark as read');
  await expect(unreadBadge(chatRow(alice, 'Dave'))).toBeHidden();
  await expect(alice).toHaveTitle('Messenger — Alice');
});

test('the chat header shows when the other person is typing, and when they go offline', async ({ launch, server }) => {
  const { alice, bob, bobApp } = await talking(launch, server, ['Did you see the game?']);
  await expect(chatStatus(alice)).toHaveText('online');

  await composer(bob).pressSequentially('Yes, what a finish', { delay: 60 });
  await expect(chatStatus(alice)).toHaveText('typing…');
  // Nobody types any more: the notice goes away by itself.
  await expect(chatStatus(alice)).toHaveText('online', { timeout: 15_000 });
  await composer(bob).press('Enter');
  await expect(message(alice, 'Yes, what a finish')).toBeVisible();
  // Bob does not see his own typing.
  await expect(chatStatus(bob)).not.toHaveText('typing…');

  // Bob quits the app.
  await bobApp.close();
  await expect(chatStatus(alice)).toHaveText('offline');
});

test('deleting a chat removes only your copy: the other side keeps the history', async ({ launch, server }) => {
  const lines = ['Here is the draft', 'Thanks, reading it now', 'Page 3 needs work'];
  const { alice, bob } = await talking(launch, server, lines);
  await show(alice, 'Chats');

  // Cancel keeps it.
  await chatRowAction(alice, 'Bob', 'Delete chat');
  await alice.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(chatRow(alice, 'Bob')).toBeVisible();

  await chatRowAction(alice, 'Bob', 'Delete chat');
  await alice.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(chatRow(alice, 'Bob')).toBeHidden();
  await expect(message(alice, 'Here is the draft')).toBeHidden();

  // Bob's copy is untouched, in his open chat and in his list.
  await expect(messages(bob)).toHaveCount(lines.length);
  for (const line of lines) await expect(message(bob, line)).toHaveCount(1);
  await expect(chatRow(bob, 'Alice')).toBeVisible();

  // When Bob writes again, Alice gets a new chat holding only the new message.
  await send(bob, 'Did my messages disappear?');
  await expect(unreadBadge(chatRow(alice, 'Bob'))).toHaveAttribute('aria-label', '1 unread');
  await openChatRow(alice, 'Bob');
  await expect(message(alice, 'Did my messages disappear?')).toBeVisible();
  await expect(messages(alice)).toHaveCount(1);
  await expect(messages(bob)).toHaveCount(lines.length + 1);
});

test('message text is shown as text: markup in a message never runs', async ({ launch, server }) => {
  const { alice, bob } = await talking(launch, server, ['Look at this']);
  const dialogs: string[] = [];
  for (const page of [alice, bob]) {
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }
  const payloads = [
    '中文 and 🍜 &amp; stay as typed',
    '<img src=x onerror=alert(1)>',
    '<script>alert(2)</script>',
    '<b>bold</b> & <i>italic</i>',
  ];
  for (const payload of payloads) await sendAndWait(alice, payload);
  for (const page of [alice, bob]) {
    for (const payload of payloads) {
      const shown = message(page, payload);
      await expect(shown).toHaveCount(1);
      await expect(shown).toContainText(payload);
    }
    // No element was made from the markup: not in the bubbles, not in the list, nowhere.
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.locator('script', { hasText: 'alert(2)' })).toHaveCount(0);
    await expect(page.locator('b', { hasText: /^bold$/ })).toHaveCount(0);
    await expect(page.locator('i', { hasText: /^italic$/ })).toHaveCount(0);
  }
  await show(bob, 'Chats');
  // The list's preview of the last message is text too.
  await expect(chatRow(bob, 'Alice')).toContainText(payloads.at(-1)!);
  await expect(bob.locator('b', { hasText: /^bold$/ })).toHaveCount(0);
  // Had the markup made an element, its alert would come before these dialogs of our own.
  for (const page of [alice, bob]) await dialogAfterImageError(page);
  expect(dialogs).toEqual(['barrier', 'barrier']);
});
