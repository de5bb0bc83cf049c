// Signing in and out, the settings screen and its About, the log, and the keyboard.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { screenshot } from './support/screenshots.js';
import {
  chatHeading,
  chatRow,
  createAccount,
  fillSignIn,
  mainNav,
  message,
  openChatRow,
  password,
  sendAndWait,
  show,
  signIn,
} from './support/ui.js';

/** A setting's drop-down, by its accessible name. */
function setting(page: Page, name: string): Locator {
  return page.getByRole('combobox', { name, exact: true });
}

async function choose(page: Page, name: string, option: string): Promise<void> {
  await setting(page, name).selectOption({ label: option });
}

/** The option a drop-down shows as chosen. */
async function chosen(page: Page, name: string): Promise<string> {
  // Runs in the page; the test project is compiled without DOM types.
  return setting(page, name).evaluate((select: any) => select.selectedOptions[0]?.textContent?.trim() ?? '');
}

/** Relative luminance (0 black … 1 white) of the background painted in the middle of the window. */
async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const window = globalThis as any;
    const middle = window.document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
    for (let at = middle; at; at = at.parentElement) {
      const color: string = window.getComputedStyle(at).backgroundColor;
      const match = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(color);
      if (!match || match[4] === '0') continue;
      const [r, g, b] = [match[1], match[2], match[3]].map((c) => {
        const v = Number(c) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }
    return 1; // nothing painted: the browser's white
  });
}

test('sign-in problems are explained in words', async ({ launch, server, people }) => {
  await people.register('Bob');
  const page = (await launch('alice')).page;
  const alert = page.getByRole('alert');
  const inWords = /[A-Za-z]+ [A-Za-z]+/;

  await signIn(page, server.url, 'Nobody', 'not the password');
  await expect(alert).toContainText(/wrong name or password/i);
  await expect(mainNav(page)).toBeHidden();

  await signIn(page, server.url, 'Bob', 'not the password');
  await expect(alert).toContainText(/wrong name or password/i);

  await fillSignIn(page, server.url, 'bob');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(alert).toContainText(/taken/i);
  await expect(alert).not.toContainText('conflict');

  await fillSignIn(page, server.url, 'Alice', 'short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(alert).toContainText(inWords);
  await expect(alert).not.toContainText('bad_request');
  await expect(mainNav(page)).toBeHidden();

  // No server on that port: still a sentence, not a code.
  await signIn(page, 'http://127.0.0.1:9', 'Alice', password);
  await expect(alert).toContainText(inWords);
  await expect(alert).not.toContainText(/^[a-z_]+$/);
  await screenshot(page, 'sign-in-error');

  await createAccount(page, server.url, 'Alice');
  await expect(alert).toBeHidden();
});

test('settings change the theme, language and notification options, and survive a restart', async ({
  launch,
  server,
  people,
}) => {
  const app = await launch('alice');
  let page = app.page;
  await createAccount(page, server.url, 'Alice');
  const bob = await people.register('Bob');
  const aliceId = await bob.idOf('Alice');
  await bob.send(aliceId, 'Did you switch to dark mode yet?');
  await openChatRow(page, 'Bob');
  await sendAndWait(page, 'Doing it right now');

  await show(page, 'Settings');
  await expect(setting(page, 'Theme')).toBeVisible();
  const hideContent = page.getByRole('checkbox', { name: 'Hide message content in notifications' });
  await expect(hideContent).not.toBeChecked();
  // The Chromium shell has no tray: a setting it cannot honour is not offered.
  await expect(page.getByRole('checkbox', { name: 'Close to tray' })).toHaveCount(0);
  expect(await chosen(page, 'Language')).toBe('English');
  // About: where this profile's log is, to look in or attach to a bug report.
  const about = page.getByRole('region', { name: 'About' });
  await expect(about.getByTestId('log-file')).toHaveText(path.join(app.profileDir, 'logs', 'messenger.log'));
  await expect(about).toContainText(/Version \d+\.\d+\.\d+|Version development/);
  await screenshot(page, 'settings', { forDocs: true });

  await hideContent.check();
  const lightLuminance = await backgroundLuminance(page);
  await choose(page, 'Theme', 'Dark');
  await expect.poll(() => backgroundLuminance(page)).toBeLessThan(0.2);
  expect(lightLuminance).toBeGreaterThan(0.5);

  // 中文: every word of the interface changes, then back to English.
  await choose(page, 'Language', '中文');
  await expect(mainNav(page)).toHaveCount(0);
  const nav = page.getByRole('navigation');
  await expect(nav).toHaveAccessibleName(/[\u4e00-\u9fff]/);
  await expect(nav.getByRole('button', { name: 'Chats', exact: true })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: /[\u4e00-\u9fff]/ })).toHaveCount(3);
  await expect(setting(page, 'Theme')).toHaveCount(0);
  // The conversation in 中文, in the dark theme: the README's picture of the Chinese interface.
  await nav.getByRole('button', { name: /^聊天(，\d+ 条未读)?$/ }).click();
  await openChatRow(page, 'Bob');
  const chineseLog = page.getByRole('region', { name: '消息' });
  await expect(chineseLog.getByTestId('message').filter({ hasText: 'Doing it right now' })).toBeVisible();
  await expect(chineseLog.getByText(/^\d{1,2}:\d{2}$/).first()).toBeVisible();
  await screenshot(page, 'chinese', { forDocs: true });
  await nav.getByRole('button', { name: '设置', exact: true }).click();
  await chooseEnglish(page);
  await expect(mainNav(page).getByRole('button', { name: /^Chats(, \d+ unread)?$/ })).toBeVisible();

  await show(page, 'Chats');
  await openChatRow(page, 'Bob');
  await expect(message(page, 'Doing it right now')).toBeVisible();
  await screenshot(page, 'dark-theme', { forDocs: true });

  // Quit and start again: the settings are kept in the profile.
  await app.close();
  const again = await launch('alice');
  page = again.page;
  await expect(mainNav(page)).toBeVisible();
  await expect.poll(() => backgroundLuminance(page)).toBeLessThan(0.2);
  await show(page, 'Settings');
  await expect(page.getByRole('checkbox', { name: 'Hide message content in notifications' })).toBeChecked();
  expect(await chosen(page, 'Theme')).toBe('Dark');
  await choose(page, 'Theme', 'Light');
  await expect.poll(() => backgroundLuminance(page)).toBeGreaterThan(0.5);
  // "System" follows the OS, also when the OS changes while the app runs. The page starts
  // in "system" too (index.html), so its first frame already has the OS's colours.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => backgroundLuminance(page)).toBeGreaterThan(0.5);
  await choose(page, 'Theme', 'Same as the system');
  await expect.poll(() => backgroundLuminance(page)).toBeLessThan(0.2);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => backgroundLuminance(page)).toBeGreaterThan(0.5);

  // Signing out returns to the sign-in screen, and stays there after a restart.
  await page.getByRole('button', { name: 'Sign out…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(mainNav(page)).toBeHidden();
  await again.close();
  page = (await launch('alice')).page;
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(mainNav(page)).toBeHidden();
});

test('a problem in the window reaches the profile’s log, without what the user typed', async ({ launch }) => {
  const app = await launch('alice');
  await expect(app.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  // What an uncaught throw and a forgotten promise deliver to the window, without failing the test.
  await app.page.evaluate(() => {
    const window = globalThis as any;
    window.dispatchEvent(new window.ErrorEvent('error', { error: new TypeError('drawing the chat list failed') }));
    window.dispatchEvent(
      new window.PromiseRejectionEvent('unhandledrejection', {
        promise: Promise.resolve(),
        reason: 'words the user typed',
      }),
    );
  });
  const log = () => (fs.existsSync(app.logFile) ? fs.readFileSync(app.logFile, 'utf8') : '');
  await expect.poll(log).toContain('warn renderer: unhandled rejection: thrown string');
  expect(log()).toMatch(/ warn renderer: uncaught error: TypeError: drawing the chat list failed \| stack: /);
  expect(log()).not.toContain('words the user typed');
});

/** The language drop-down is named in the current language; its option "English" is not. */
async function chooseEnglish(page: Page): Promise<void> {
  await page
    .getByRole('combobox')
    .filter({ has: page.getByRole('option', { name: 'English', exact: true }) })
    .selectOption({ label: 'English' });
}

test('the keyboard: Ctrl+K jumps to a chat by name, Alt+↓ goes to the next chat, Esc closes it', async ({
  launch,
  server,
  people,
}) => {
  const page = (await launch('alice')).page;
  await createAccount(page, server.url, 'Alice');
  const [bob, carol] = await Promise.all([people.register('Bob'), people.register('Carol')]);
  const aliceId = await bob.idOf('Alice');
  await bob.send(aliceId, 'Hello from Bob');
  await carol.send(aliceId, 'Hello from Carol');
  await expect(chatRow(page, 'Carol')).toBeVisible();
  await expect(chatRow(page, 'Bob')).toBeVisible();

  await page.keyboard.press('ControlOrMeta+k');
  const palette = page.getByRole('dialog', { name: 'Jump to chat' });
  await expect(palette).toBeVisible();
  await palette.getByRole('textbox', { name: 'Chat name' }).fill('car');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(chatHeading(page, 'Carol')).toBeVisible();
  await expect(message(page, 'Hello from Carol')).toBeVisible();

  // Carol's chat is the newest, Bob's comes next.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(chatHeading(page, 'Bob')).toBeVisible();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(chatHeading(page, 'Carol')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(chatHeading(page, 'Carol')).toBeHidden();
});
