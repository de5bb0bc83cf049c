// The Chromium shell's desktop notifications in real (headless) Chromium: the page may show
// web notifications, the core's notifications reach the page's Notification, a click opens the chat.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromiumShell, type ChromiumShell } from '../../../main/chromium/chromium-shell.js';
import { FakeBridge } from './fake-bridge.js';
import { buildRenderer } from './renderer-build.js';

/** Replaces the page's Notification with one that records what it was asked to show. */
const recordNotifications = `(() => {
  const shown = [];
  globalThis.shownNotifications = shown;
  globalThis.Notification = class {
    static permission = 'granted';
    constructor(title, options) {
      this.onclick = null;
      this.closed = false;
      shown.push({ title, options, instance: this });
    }
    close() { this.closed = true; }
  };
})();`;

describe('notifications in the Chromium shell', () => {
  const bridge = new FakeBridge();
  let rendererDir: string;
  let shell: ChromiumShell;

  beforeAll(async () => {
    rendererDir = await buildRenderer();
    shell = await openChromiumShell({ bridge, rendererDir, headless: true });
  });

  afterAll(async () => {
    await shell?.close();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it('grants the page the notifications permission', async () => {
    expect(await shell.page.evaluate(() => (globalThis as any).Notification.permission)).toBe('granted');
  });

  it("shows the core's notification through the page's Notification, one per chat", async () => {
    await shell.page.evaluate(recordNotifications);
    bridge.notify({ who: 2, title: 'bob', body: 'hi there' });
    await shell.page.waitForFunction(() => (globalThis as any).shownNotifications.length === 1);
    const shown = await shell.page.evaluate(() =>
      (globalThis as any).shownNotifications.map(({ title, options }: any) => ({ title, options })),
    );
    expect(shown).toEqual([{ title: 'bob', options: { body: 'hi there', tag: 'chat-2' } }]);
  });

  it('opens the chat and closes the notification when it is clicked', async () => {
    const closed = await shell.page.evaluate(() => {
      const { instance } = (globalThis as any).shownNotifications[0];
      instance.onclick();
      return instance.closed;
    });
    expect(closed).toBe(true);
    await expect.poll(() => bridge.shownChats).toEqual([2]);
  });

  it('stops showing them once the shell closed', async () => {
    await shell.close();
    expect(bridge.notifySubscribers).toBe(0);
  });
});
