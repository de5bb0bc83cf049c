// Issue 16's finish of the chat, in the Chromium shell with the real core and server: a link
// in a message reaches the shell's openLink and never navigates the window, a picked emoji is
// sent and shown, a message waiting in the outbox shows with a clock in the chat list (and at its
// top) before and after a restart with the server away, and the
// conversation keeps a readable width at 1920 px and most of the height for messages at 800×600.
import type { Page } from '@playwright/test';
import { noDesktopFeatures } from '../../main/ipc/desktop-contract.js';
import { expect, test } from './support/fixtures.js';
import { screenshot } from './support/screenshots.js';
import {
  chatHeading,
  chatOrder,
  chatRow,
  composer,
  connectionBanner,
  createAccount,
  message,
  messageLog,
  openChatRow,
  send,
  sendAndWait,
  startChatWith,
} from './support/ui.js';

/** Reconnecting backs off up to 10 s (with jitter) while the server is away. */
const reconnect = { timeout: 30_000 };

test('a link opens through the shell, a picked emoji is sent, an unsent message shows a clock in the list, after a restart too', async ({
  launch,
  server,
  people,
}) => {
  test.setTimeout(90_000);
  const opened: string[] = [];
  const app = await launch('alice', {
    shell: {
      features: noDesktopFeatures,
      openLink: async (url) => {
        opened.push(url);
      },
    },
  });
  const alice = app.page;
  await createAccount(alice, server.url, 'Alice');
  const bob = await people.register('Bob');
  await startChatWith(alice, 'Bob');
  const aliceId = await bob.idOf('Alice');

  await test.step('a link in a message', async () => {
    await bob.send(aliceId, 'see https://example.com/a?b=1 and javascript:alert(1)');
    const link = message(alice, 'see https://example.com').getByRole('link');
    await expect(link).toHaveCount(1);
    await expect(link).toHaveText('https://example.com/a?b=1');
    const before = alice.url();
    await link.click();
    await expect.poll(() => opened).toEqual(['https://example.com/a?b=1']);
    expect(alice.url()).toBe(before);
    await expect(messageLog(alice)).toBeVisible();
  });

  await test.step('an emoji from the picker', async () => {
    await composer(alice).fill('Good ');
    await alice.getByRole('button', { name: 'Emoji', exact: true }).click();
    const picker = alice.getByRole('dialog', { name: 'Emoji' });
    await expect(picker.getByRole('button', { name: 'grinning face', exact: true })).toBeVisible();
    await screenshot(alice, 'emoji-picker');
    await picker.getByRole('searchbox', { name: 'Search emoji' }).fill('grinning face');
    await picker.getByRole('button', { name: 'grinning face', exact: true }).click();
    await expect(picker).toBeHidden();
    await expect(composer(alice)).toBeFocused();
    await expect(composer(alice)).toHaveValue('Good 😀');
    await composer(alice).press('Enter');
    await expect(message(alice, 'Good 😀')).toHaveAttribute('data-state', 'sent');
    const onServer = await bob.history(aliceId);
    expect(onServer.map((copy) => copy.content)).toContain('Good 😀');
  });

  await test.step('a message waiting in the outbox', async () => {
    const carol = await people.register('Carol');
    await carol.send(aliceId, 'Hi from Carol');
    await expect(chatRow(alice, 'Carol')).toContainText('Hi from Carol');
    expect(await chatOrder(alice, ['Bob', 'Carol'])).toEqual(['Carol', 'Bob']);

    await server.stop();
    await expect(connectionBanner(alice)).toBeVisible();
    await send(alice, 'Waiting for the server');
    const row = chatRow(alice, 'Bob');
    await expect(row.getByTestId('outbox-mark')).toHaveAttribute('data-state', 'sending');
    await expect(row.getByRole('img', { name: 'Sending' })).toBeVisible();
    await expect(row).toContainText('Waiting for the server');
    // The user just wrote there: the chat moves to the top before the server stores the message.
    expect(await chatOrder(alice, ['Bob', 'Carol'])).toEqual(['Bob', 'Carol']);
    await screenshot(alice, 'outbox-clock');
  });

  await test.step('the outbox after a restart with the server still away', async () => {
    await app.close();
    const again = (await launch('alice')).page;
    await expect(connectionBanner(again)).toBeVisible();
    const row = chatRow(again, 'Bob');
    // Not opened since the restart: the row alone knows the message waits.
    await expect(chatHeading(again, 'Bob')).toHaveCount(0);
    await expect(row.getByTestId('outbox-mark')).toHaveAttribute('data-state', 'sending');
    await expect(row).toContainText('Waiting for the server');
    expect(await chatOrder(again, ['Bob', 'Carol'])).toEqual(['Bob', 'Carol']);

    await server.start();
    await expect(row.getByTestId('outbox-mark')).toHaveCount(0, reconnect);
    await expect(row).toContainText('Waiting for the server');
    expect(await chatOrder(again, ['Bob', 'Carol'])).toEqual(['Bob', 'Carol']);
    await openChatRow(again, 'Bob');
    await expect(message(again, 'Waiting for the server')).toHaveCount(1);
    await expect(message(again, 'Waiting for the server')).toHaveAttribute('data-state', 'sent');
    // A new connection: the one from before the restart may still be reconnecting.
    const bobAgain = await people.signIn('Bob');
    const onServer = await bobAgain.history(aliceId);
    expect(onServer.filter((copy) => copy.content === 'Waiting for the server')).toHaveLength(1);
  });
});

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not shown`);
  return found;
}

test('the conversation keeps a readable width at 1920 px and most of the height at 800×600', async ({
  launch,
  server,
  people,
}) => {
  const app = await launch('alice');
  const alice = app.page;
  await createAccount(alice, server.url, 'Alice');
  await people.register('Bob');
  await startChatWith(alice, 'Bob');
  await sendAndWait(alice, 'A line to lay out');

  await test.step('1920×1080: a column of readable width, centred in the pane', async () => {
    await alice.setViewportSize({ width: 1920, height: 1080 });
    const pane = await box(alice, 'main.chat');
    const canvas = await box(alice, '.message-canvas');
    const input = await box(alice, '.composer-input');
    for (const column of [canvas, input]) {
      expect(column.width).toBeGreaterThanOrEqual(900);
      expect(column.width).toBeLessThanOrEqual(1000);
      const left = column.x - pane.x;
      const right = pane.x + pane.width - (column.x + column.width);
      expect(Math.abs(left - right)).toBeLessThanOrEqual(20);
    }
    await screenshot(alice, 'layout-1920');
  });

  await test.step('800×600: at least 60 % of the height shows messages, however long the text typed', async () => {
    await alice.setViewportSize({ width: 800, height: 600 });
    const messagesShare = async () => (await box(alice, '.message-area')).height / 600;
    expect(await messagesShare()).toBeGreaterThanOrEqual(0.6);
    await composer(alice).fill(Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n'));
    expect(await messagesShare()).toBeGreaterThanOrEqual(0.6);
    // The box grew with the text, up to its bound, and scrolls the rest.
    const input = await box(alice, '.composer-input');
    expect(input.height).toBeGreaterThan(100);
    expect(await alice.locator('.composer-input').evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await screenshot(alice, 'layout-800x600');
  });
});
