// Colour, zoom and the OS's display settings (issue 18): axe-core's colour-contrast rule finds
// nothing in light or dark on sign-in, a chat list with unread badges and an open conversation;
// at 200 % zoom the columns share the window without scrolling sideways; "reduce motion",
// "increase contrast" and a larger default font size change what they should.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, viewport } from './support/fixtures.js';
import { screenshot } from './support/screenshots.js';
import {
  chatList,
  chatRow,
  createAccount,
  message,
  openChatRow,
  presence,
  sendAndWait,
  show,
  unreadBadge,
} from './support/ui.js';

const schemes = ['light', 'dark'] as const;

/** The colour-contrast violations on the page as it is now, one line per element. */
async function contrastViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    // Legacy mode runs axe in the page itself: the shell allows no second window for its finishing step.
    .setLegacyMode(true)
    .withRules(['color-contrast'])
    .analyze();
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${node.target.join(' ')}: ${node.any.map((check) => check.message).join('; ')}`),
  );
}

/** Checks the page in both colour schemes (the theme setting is "system", so it follows them). */
async function expectContrastInBothSchemes(page: Page, state: string): Promise<void> {
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    await screenshot(page, `a11y-colour-${state}-${colorScheme}`);
    expect(await contrastViolations(page), `${state}, ${colorScheme}`).toEqual([]);
  }
}

/**
 * What does not fit the main columns: a column (or the page) wider than its box, or anything
 * in a column that reaches past its left or right edge (a flex row that overflows towards its
 * start spills over the column beside it without making anything scroll).
 */
function outsideTheColumns(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const document = (globalThis as any).document;
    const describe = (element: any) =>
      [element.tagName.toLowerCase(), ...(element.getAttribute('class')?.split(' ') ?? [])].join('.');
    const problems: string[] = [];
    for (const selector of ['.sidebar', '.middle', '.chat']) {
      const column = document.querySelector(selector);
      if (!column) {
        problems.push(`${selector}: missing`);
        continue;
      }
      if (column.scrollWidth > column.clientWidth + 1) problems.push(`${selector} scrolls sideways`);
      const edge = column.getBoundingClientRect();
      for (const element of column.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) continue;
        if (box.left < edge.left - 1 || box.right > edge.right + 1)
          problems.push(`${describe(element)} in ${selector}: ${Math.round(box.left)}–${Math.round(box.right)}`);
      }
    }
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page: ${root.scrollWidth} > ${root.clientWidth}`);
    return problems;
  });
}

test('text, badges and buttons meet 4.5:1 in light and dark: sign-in, a chat list with unread badges, contacts, settings, an open chat', async ({
  launch,
  server,
  people,
}) => {
  const page = (await launch('alice')).page;
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectContrastInBothSchemes(page, 'sign-in');

  await createAccount(page, server.url, 'Alice');
  const [bob, carol] = [await people.register('Bob'), await people.register('Carol')];
  const alice = await bob.idOf('Alice');
  await bob.send(alice, 'Are you coming tonight?');
  await carol.send(alice, 'Lunch tomorrow?');
  await carol.send(alice, 'Say at noon');
  await expect(unreadBadge(chatRow(page, 'Carol'))).toHaveText('2');
  await expect(unreadBadge(chatRow(page, 'Bob'))).toHaveText('1');
  await expectContrastInBothSchemes(page, 'chat-list');

  // Contacts with an online dot and an offline ring, and Settings' labels and hints.
  await people.register('Dave', { online: false });
  await show(page, 'Contacts');
  await expect(presence(page, 'Dave')).toHaveAccessibleName('offline');
  await expect(presence(page, 'Bob')).toHaveAccessibleName('online');
  await expectContrastInBothSchemes(page, 'contacts');
  await show(page, 'Settings');
  await expect(page.getByRole('combobox', { name: 'Theme', exact: true })).toBeVisible();
  await expectContrastInBothSchemes(page, 'settings');
  await show(page, 'Chats');

  // The selected row (its time on the selected grey), the Today separator, both bubbles.
  await openChatRow(page, 'Bob');
  await expect(message(page, 'Are you coming tonight?')).toHaveCount(1);
  await sendAndWait(page, 'Yes, at eight');
  await expect(chatRow(page, 'Bob').getByRole('button')).toHaveAttribute('aria-current', 'true');
  await expectContrastInBothSchemes(page, 'conversation');
});

test('at 200 % zoom the three columns share the window and nothing in them reaches past their edges', async ({
  launch,
  server,
  people,
}) => {
  const page = (await launch('alice')).page;
  await createAccount(page, server.url, 'Alice');
  const bob = await people.register('Bob');
  await bob.send(await bob.idOf('Alice'), 'A message long enough to wrap in a narrow column, more than once');
  await openChatRow(page, 'Bob');
  await sendAndWait(page, 'An answer');

  // 200 % of the app's window, and of a window about 900 px wide: CSS pixels are halved.
  for (const width of [viewport.width / 2, 450]) {
    await page.setViewportSize({ width, height: viewport.height / 2 });
    await expect(chatList(page)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Send' })).toBeInViewport();
    await screenshot(page, `a11y-colour-zoom-${width}`);
    expect(await outsideTheColumns(page), `${width} px wide`).toEqual([]);
  }
});

test('reduce motion stops transitions, increase contrast strengthens the ring, a larger font scales the text', async ({
  launch,
  server,
  people,
}) => {
  const page = (await launch('alice')).page;
  await createAccount(page, server.url, 'Alice');
  const bob = await people.register('Bob');
  await bob.send(await bob.idOf('Alice'), 'Hello');
  await expect(chatRow(page, 'Bob')).toBeVisible();

  const style = (expression: () => string) => page.evaluate(expression);
  const highlightTransition = () => {
    const document = (globalThis as any).document;
    const probe = document.createElement('div');
    probe.className = 'message-highlighted';
    probe.innerHTML = '<div class="bubble"></div>';
    document.body.append(probe);
    const duration: string = (globalThis as any).getComputedStyle(probe.firstChild).transitionDuration;
    probe.remove();
    return duration;
  };
  const focusWidth = () =>
    (globalThis as any)
      .getComputedStyle((globalThis as any).document.documentElement)
      .getPropertyValue('--focus-width');

  expect(await style(highlightTransition)).toBe('0.3s');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await style(highlightTransition)).toBe('0s');

  expect(await style(focusWidth)).toBe('2px');
  await page.emulateMedia({ contrast: 'more' });
  expect(await style(focusWidth)).toBe('3px');

  // A default font size of 20 px (the OS's "large text"): the row's text grows and still fits.
  const name = chatRow(page, 'Bob').locator('.chat-row-name');
  await expect(name).toHaveCSS('font-size', '14px');
  await page.evaluate(() => ((globalThis as any).document.documentElement.style.fontSize = '20px'));
  await expect(name).toHaveCSS('font-size', '17.5px');
  const row = await chatRow(page, 'Bob').getByRole('button').boundingBox();
  for (const part of ['.chat-row-name', '.chat-row-preview']) {
    const box = await chatRow(page, 'Bob').locator(part).boundingBox();
    expect(box!.y, part).toBeGreaterThanOrEqual(row!.y);
    expect(box!.y + box!.height, part).toBeLessThanOrEqual(row!.y + row!.height);
  }
});
