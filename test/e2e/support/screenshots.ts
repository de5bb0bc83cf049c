// Screenshots of the main screens. Every run saves them into test-results/screenshots/;
// with UPDATE_DOC_SCREENSHOTS=1 the ones meant for the README are also copied to
// docs/screenshots/ (committed, so an ordinary run leaves the work tree alone).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot } from '../../../main/build/renderer.config.js';

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');
export const docScreenshotDir = path.join(repoRoot, 'docs', 'screenshots');

/** Saves the window as <name>.png; `forDocs` marks the ones the README shows. */
export async function screenshot(page: Page, name: string, options: { forDocs?: boolean } = {}): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // The caret blinks and animations move: neither belongs in a picture that gets committed.
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (options.forDocs && process.env.UPDATE_DOC_SCREENSHOTS) {
    fs.mkdirSync(docScreenshotDir, { recursive: true });
    fs.copyFileSync(file, path.join(docScreenshotDir, `${name}.png`));
  }
  return file;
}
