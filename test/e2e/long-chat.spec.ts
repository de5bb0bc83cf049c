// A chat with 10,000 messages opens at once, shows its newest messages, keeps only a window
// of them in the DOM, and loads older pages as the reader scrolls up.
import type { Page } from '@playwright/test';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { expect, test } from './support/fixtures.js';
import { screenshot } from './support/screenshots.js';
import { chatRow, mainNav, message, messageLog, messages, signIn } from './support/ui.js';

const total = 10_000;
/** `Message 12.` never matches inside `Message 123.`. */
const line = (n: number) => `Message ${n}. The quick brown fox jumps over the lazy dog.`;
const label = (n: number) => `Message ${n}.`;

/** Writes `total` messages between two users straight into the server's store, in one go. */
async function seed(dataDir: string, alice: number, bob: number): Promise<void> {
  const store = new SqliteStore(dataDir);
  const start = Date.now() - total * 60_000;
  const judge = { receiverViewing: () => false, admit: () => true };
  try {
    const writes: Array<Promise<unknown>> = [];
    for (let n = 1; n <= total; n += 1) {
      const [from, to] = n % 2 === 0 ? [alice, bob] : [bob, alice];
      writes.push(
        store.sendMessage({ from, to, clientId: `seed-${n}`, content: line(n), date: start + n * 60_000 }, judge),
      );
    }
    const outcomes = await Promise.all(writes);
    if (outcomes.some((outcome) => (outcome as { kind: string }).kind !== 'stored')) throw new Error('seeding failed');
  } finally {
    await store.close();
  }
}

/** Numbers of the messages rendered in the DOM now. */
async function shown(page: Page): Promise<number[]> {
  const texts = await messages(page).allTextContents();
  return texts.map((text) => Number(/Message (\d+)\./.exec(text)?.[1] ?? NaN)).filter(Number.isFinite);
}

test('a 10,000-message chat opens at once and loads older messages when scrolled up', async ({
  launch,
  server,
  people,
}, testInfo) => {
  test.setTimeout(150_000);
  const [alice, bob] = await Promise.all([
    people.register('Alice', { online: false }),
    people.register('Bob', { online: false }),
  ]);
  await server.stop();
  const seeding = Date.now();
  await seed(server.dataDir, alice.id, bob.id);
  testInfo.annotations.push({ type: 'timing', description: `seeded ${total} messages in ${Date.now() - seeding} ms` });
  await server.start();

  const page = (await launch('alice')).page;
  await signIn(page, server.url, 'Alice');
  await expect(mainNav(page)).toBeVisible();
  const row = chatRow(page, 'Bob');
  await expect(row).toContainText(label(total));

  const opening = Date.now();
  await row.getByRole('button').first().click();
  await expect(message(page, label(total))).toBeVisible({ timeout: 5_000 });
  await expect(message(page, label(total))).toBeInViewport();
  const openedMs = Date.now() - opening;
  testInfo.annotations.push({ type: 'timing', description: `newest message visible ${openedMs} ms after the click` });
  expect(openedMs).toBeLessThan(5_000);
  const first = await shown(page);
  expect(first.length).toBeGreaterThan(0);
  expect(first.length).toBeLessThan(200);
  expect(Math.max(...first)).toBe(total);

  // Scroll up, again and again: older pages load, and the DOM holds only what is near the view.
  const log = messageLog(page);
  await log.hover();
  let domMost = first.length;
  await expect
    .poll(
      async () => {
        await page.mouse.wheel(0, -3_000);
        const now = await shown(page);
        domMost = Math.max(domMost, await messages(page).count());
        return Math.min(...now);
      },
      { timeout: 60_000, intervals: [200] },
    )
    .toBeLessThanOrEqual(total - 200);
  testInfo.annotations.push({ type: 'dom', description: `at most ${domMost} message nodes in the DOM` });
  expect(domMost).toBeLessThan(500);
  await expect(message(page, label(total))).toHaveCount(0);
  await screenshot(page, 'long-chat-scrolled');

  // Bob writes while Alice reads old messages: a button takes her to it.
  const bobOnline = await people.signIn('Bob');
  await bobOnline.send(alice.id, line(total + 1));
  const jump = page.getByRole('button', { name: 'New messages' });
  await expect(jump).toBeVisible();
  await jump.click();
  await expect(message(page, label(total + 1))).toBeInViewport();
  expect(await messages(page).count()).toBeLessThan(500);
});
