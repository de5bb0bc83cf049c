// A list of 1,000 chats keeps only the rows near the view in the DOM, and still behaves as one
// list: newest first, one Tab stop with every row reachable by the arrow keys, positions told
// to screen readers.
import type { Page } from '@playwright/test';
import { offlineGraceMs } from '../../main/core/connection/offline-grace.js';
import { profileDir } from '../../main/launcher/app-paths.js';
import { ManualTimers } from '../support/manual-timers.js';
import { friend, manyChats, writeCachedProfile } from './support/cached-chats.js';
import { expect, test } from './support/fixtures.js';
import { screenshot } from './support/screenshots.js';
import { chatHeading, chatList, chatRow, connectionBanner, mainNav, unreadBadge } from './support/ui.js';

const total = 1_000;
/** Far fewer than 1,000: the rows in view (about ten) plus the overscan on either side. */
const mostInDom = 40;

function rows(page: Page) {
  return chatList(page).getByTestId('chat-row');
}

function rowButton(page: Page, position: number) {
  return chatRow(page, friend(position)).getByRole('button');
}

async function expectFocusedRow(page: Page, position: number): Promise<void> {
  await expect(rowButton(page, position)).toBeFocused();
  await expect(rowButton(page, position)).toBeInViewport({ ratio: 1 });
  await expect(chatRow(page, friend(position))).toHaveAttribute('aria-posinset', String(position));
  expect(await rows(page).count()).toBeLessThan(mostInDom);
}

test('a 1,000-chat list renders only the rows in view, and the keyboard reaches every row', async ({
  launch,
  messengerHome,
}) => {
  await writeCachedProfile(profileDir(messengerHome, 'alice'), manyChats(total));
  // The core's clock is a manual one: the "Offline" banner (no server answers here) appears
  // when the test says, not halfway through on a slow machine.
  const timers = new ManualTimers();
  const page = (await launch('alice', { timers })).page;
  await expect(mainNav(page)).toBeVisible();

  // Newest first, a bounded window of rows, each telling its place in the whole list.
  await expect(rows(page).first()).toContainText(friend(1));
  const inDom = await rows(page).count();
  expect(inDom).toBeGreaterThan(5);
  expect(inDom).toBeLessThan(mostInDom);
  const texts = await rows(page).allTextContents();
  expect(texts.map((text) => /Friend (\d{4})/.exec(text)?.[1])).toEqual(
    texts.map((_, i) => String(i + 1).padStart(4, '0')),
  );
  await expect(rows(page).first()).toHaveAttribute('aria-setsize', String(total));
  await expect(rows(page).nth(4)).toHaveAttribute('aria-posinset', '5');
  await screenshot(page, 'chat-list-long');

  // Arrow keys, End and Home move focus row by row, to rows that were not in the page.
  await rowButton(page, 1).focus();
  await page.keyboard.press('ArrowDown');
  await expectFocusedRow(page, 2);
  await page.keyboard.press('End');
  await expectFocusedRow(page, total);
  // The banner above the list makes it shorter: the focused last row is kept in view.
  await expect(connectionBanner(page)).toBeHidden();
  timers.advance(offlineGraceMs);
  await expect(connectionBanner(page)).toContainText('Offline');
  await expectFocusedRow(page, total);
  await expect(chatRow(page, friend(1))).toHaveCount(0);
  for (let n = 0; n < 30; n++) await page.keyboard.press('ArrowUp');
  await expectFocusedRow(page, total - 30);
  await expect(unreadBadge(chatRow(page, friend(total - 30)))).toHaveAttribute('aria-label', '3 unread');

  // The row's menu from the keyboard, far down the list; Esc gives focus back to the row.
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menuitem', { name: 'Mark as read' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expectFocusedRow(page, total - 30);

  await page.keyboard.press('Home');
  await expectFocusedRow(page, 1);
  // PageDown moves by the rows in view (about ten), PageUp back.
  await page.keyboard.press('PageDown');
  const paged = Number(
    await rows(page)
      .filter({ has: page.locator('button:focus') })
      .getAttribute('aria-posinset'),
  );
  expect(paged).toBeGreaterThan(5);
  expect(paged).toBeLessThan(20);
  await expectFocusedRow(page, paged);
  await page.keyboard.press('PageUp');
  await expectFocusedRow(page, 1);
  // The list is one Tab stop: Tab leaves it, Shift+Tab comes back to the same row.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect(chatList(page).locator(':focus')).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expectFocusedRow(page, 2);
  await page.keyboard.press('Home');
  await expectFocusedRow(page, 1);

  // Scrolled away with the wheel, the focused row stays in the page: focus is not dropped.
  await chatList(page).hover();
  await expect
    .poll(async () => {
      await page.mouse.wheel(0, 2_000);
      return Number(await rows(page).last().getAttribute('aria-posinset'));
    })
    .toBeGreaterThan(200);
  await expect(chatRow(page, friend(1))).toHaveCount(1);
  await expect(rowButton(page, 1)).toBeFocused();
  expect(await rows(page).count()).toBeLessThan(mostInDom);

  // A chat opened from elsewhere (here the palette) is scrolled into view and selected; Esc
  // closes it and focus lands on its row.
  await page.keyboard.press('ControlOrMeta+k');
  const palette = page.getByRole('dialog', { name: 'Jump to chat' });
  await palette.getByRole('textbox', { name: 'Chat name' }).fill(friend(700));
  await page.keyboard.press('Enter');
  await expect(chatHeading(page, friend(700))).toBeVisible();
  await expect(rowButton(page, 700)).toHaveAttribute('aria-current', 'true');
  await expect(rowButton(page, 700)).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Escape');
  await expect(chatHeading(page, friend(700))).toBeHidden();
  await expectFocusedRow(page, 700);
});
