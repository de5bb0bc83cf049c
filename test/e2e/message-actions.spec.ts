// Acting on messages as people do: Bob replies to an old message and the quote jumps back to it;
// Alice edits one and recalls another, and Bob sees both; Bob pins and mutes a chat; and a search
// from the top of the chat list leads to the message in its chat.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { talking } from './support/scenes.js';
import { screenshot } from './support/screenshots.js';
import { chatList, chatRow, composer, message, messageLog, sendAndWait, show } from './support/ui.js';

async function act(page: Page, bubble: Locator, action: string): Promise<void> {
  await bubble.click({ button: 'right' });
  await page.getByRole('menu', { name: 'Message actions' }).getByRole('menuitem', { name: action }).click();
}

test('reply and jump to the quote, edit, recall, pin and mute, and search from the chat list', async ({
  launch,
  server,
  people,
}) => {
  const lines = ['Where do we meet on Friday?', 'At the station, 9 sharp', 'Bring the blue umbrella'];
  const { alice, bob } = await talking(launch, server, lines);
  for (let i = 0; i < 30; i++) await sendAndWait(alice, `filler ${i}`);
  await expect(message(bob, 'filler 29')).toBeVisible();

  // Bob scrolls up and answers the first question; the quote names it, and clicking it on
  // Alice's side (scrolled to the newest) brings it back into view.
  await messageLog(bob).hover();
  await bob.mouse.wheel(0, -100_000);
  await expect(message(bob, lines[0]!)).toBeInViewport();
  await act(bob, message(bob, lines[0]!), 'Reply');
  await expect(bob.getByText(/^Reply to \W?Alice\W?$/)).toBeVisible();
  await composer(bob).fill('The station works for me');
  await composer(bob).press('Enter');
  const reply = message(alice, 'The station works for me');
  await expect(reply).toBeVisible();
  const quote = reply.getByRole('button', { name: /^Quote of \W?Alice\W?: / });
  await expect(quote).toContainText(lines[0]!);
  await quote.click();
  await expect(message(alice, lines[0]!)).toBeInViewport();

  // Alice fixes a typo, then takes a message back: Bob sees the new text, marked, and the recall.
  await sendAndWait(alice, 'See you at 9:30');
  await act(alice, message(alice, 'See you at 9:30'), 'Edit');
  await composer(alice).fill('See you at 9:00');
  await composer(alice).press('Enter');
  await expect(message(bob, 'See you at 9:00')).toContainText('edited');
  await expect(message(bob, 'See you at 9:30')).toHaveCount(0);
  await sendAndWait(alice, 'Oops, wrong chat');
  await expect(message(bob, 'Oops, wrong chat')).toBeVisible();
  await act(alice, message(alice, 'Oops, wrong chat'), 'Recall');
  const recalled = (page: Page) => messageLog(page).getByTestId('recalled');
  await expect(recalled(alice)).toContainText('You recalled a message');
  await expect(recalled(alice).getByRole('button', { name: 'Re-edit' })).toBeVisible();
  await expect(recalled(bob)).toHaveText(/Alice\W? recalled a message/);
  await expect(message(bob, 'Oops, wrong chat')).toHaveCount(0);
  await screenshot(bob, 'message-actions', { forDocs: true });

  // Bob pins Carol's chat above Alice's and mutes Alice.
  const carol = await people.register('Carol');
  await carol.send(await carol.idOf('Bob'), 'Hello Bob, Carol here');
  await show(bob, 'Chats');
  await expect(chatRow(bob, 'Carol')).toBeVisible();
  await chatRow(bob, 'Alice').click({ button: 'right' });
  await bob.getByRole('menuitem', { name: 'Mute' }).click();
  await expect(chatRow(bob, 'Alice').getByLabel('Muted')).toBeVisible();
  await chatRow(bob, 'Carol').click({ button: 'right' });
  await bob.getByRole('menuitem', { name: 'Pin' }).click();
  await expect(chatRow(bob, 'Carol').getByLabel('Pinned')).toBeVisible();
  await expect(chatList(bob).getByRole('listitem').first()).toContainText('Carol');

  // A search from the top of the chat list finds the old message and opens it in its chat.
  await bob.getByRole('searchbox', { name: 'Search' }).fill('umbrella');
  const hit = bob.getByTestId('search-hit').filter({ hasText: 'umbrella' });
  await expect(hit).toHaveCount(1);
  await screenshot(bob, 'search', { forDocs: true });
  await hit.click();
  await expect(message(bob, lines[2]!)).toBeInViewport();
});
