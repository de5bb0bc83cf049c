// Files end to end, as people use them: Alice pastes a screenshot and drops a PDF onto the chat,
// adds a caption and sends; Bob sees the image with its proportions, opens the viewer, and saves
// the PDF with Save as… (the Chromium shell saves into the downloads folder).
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { talking } from './support/scenes.js';
import { screenshot } from './support/screenshots.js';
import { dropFiles, pasteFiles } from './support/page-files.js';
import { chatRow, composer, message, messageLog, openChatRow, show } from './support/ui.js';

/** A small but real PDF: what `file-type` and a PDF reader recognise. */
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

function stagedFiles(page: Page): Locator {
  return page.getByRole('list', { name: 'Files to send' }).getByRole('listitem');
}

test('a pasted screenshot and a dropped PDF reach the peer, who views the image and saves the file', async ({
  launch,
  server,
  messengerHome,
}) => {
  const downloads = path.join(messengerHome, 'Downloads');
  process.env['MESSENGER_DOWNLOADS_DIR'] = downloads;
  const { alice, bob } = await talking(launch, server, ['Can you send me the report?', 'Sure, one moment']);
  await openChatRow(bob, 'Alice');

  // A real screenshot: Alice's own window.
  const png = await alice.screenshot();
  await pasteFiles(alice, composer(alice), [{ name: 'image.png', type: 'image/png', bytes: png }]);
  await dropFiles(alice, alice.getByRole('main').filter({ has: messageLog(alice) }), [
    { name: 'report.pdf', type: 'application/pdf', bytes: pdf },
  ]);
  await expect(stagedFiles(alice)).toHaveCount(2);
  // With files waiting, the message box holds their caption.
  const caption = alice.getByRole('textbox', { name: 'Caption' });
  await caption.fill('Here it is, with the screen I mentioned');
  await screenshot(alice, 'attachments-preview', { forDocs: true });
  await caption.press('Enter');
  await expect(stagedFiles(alice)).toHaveCount(0);
  const sent = message(alice, 'Here it is, with the screen I mentioned');
  await expect(sent).toHaveAttribute('data-state', 'sent');

  const received = message(bob, 'Here it is, with the screen I mentioned');
  await expect(received).toHaveCount(1);
  const image = received.getByRole('button', { name: /^Image / });
  await expect(image).toBeVisible();
  // The bubble keeps the screenshot's proportions.
  const box = (await image.boundingBox())!;
  const viewportShape = alice.viewportSize()!;
  expect(box.width / box.height).toBeCloseTo(viewportShape.width / viewportShape.height, 1);
  await expect(image.locator('img')).toBeVisible();
  await screenshot(bob, 'attachments-received', { forDocs: true });

  await image.click();
  const viewer = bob.getByRole('dialog');
  await expect(viewer).toBeVisible();
  await expect(viewer.locator('img')).toBeVisible();
  await bob.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  await received.getByRole('button', { name: /^Save \W?report\.pdf\W? as…$/ }).click();
  await expect(received.getByRole('status')).toContainText('Saved to');
  const saved = fs.readdirSync(downloads);
  expect(saved).toEqual(['report.pdf']);
  expect(fs.readFileSync(path.join(downloads, 'report.pdf')).equals(pdf)).toBe(true);

  // The chat list names what came.
  await show(bob, 'Chats');
  await expect(chatRow(bob, 'Alice')).toContainText('[Image]');
});
