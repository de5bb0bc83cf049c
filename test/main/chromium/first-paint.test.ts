// The Chromium shell starts Chromium while the core still opens, and logs when the page first
// painted the chat list (a real signal from the page's frames: what S11 of the bench times).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromiumShell } from '../../../main/chromium/chromium-shell.js';
import type { Chat } from '../../../main/ipc/contract.js';
import { capturedLog } from '../core/log/captured-log.js';
import { FakeBridge } from './fake-bridge.js';
import { buildRenderer } from './renderer-build.js';

let rendererDir: string;

beforeAll(async () => {
  rendererDir = await buildRenderer();
});

afterAll(() => {
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

const chat: Chat = { id: 1, user: 1, who: 2, name: 'bob', unread: 0, updatedAt: 1, lastSeq: 0, last: null };

describe('the first paint', () => {
  it('is logged once the page has painted a chat row, not before', async () => {
    const bridge = new FakeBridge();
    let opened = (_bridge: FakeBridge) => {};
    const opening = new Promise<FakeBridge>((resolve) => (opened = resolve));
    const log = capturedLog();
    const starting = openChromiumShell({ bridge: opening, rendererDir, headless: true, logger: log.logger });
    opened(bridge);
    const shell = await starting;
    try {
      // Signed out: the sign-in form shows, and no chat list was painted.
      await shell.page
        .getByRole('button', { name: /sign in/i })
        .first()
        .waitFor();
      expect(log.lines.filter((line) => line.includes('first paint'))).toEqual([]);
      const painted = log.waitFor(/first paint/);
      bridge.emit('account', { serverUrl: 'http://127.0.0.1:1', user: { id: 1, name: 'alice' } });
      bridge.emit('chats', [chat]);
      expect(await painted).toMatch(/ info first paint: chat-list at \d{13} \(\d+ ms after navigation\)$/);
      const [, at] = /at (\d+)/.exec(await painted)!;
      expect(Math.abs(Number(at) - Date.now())).toBeLessThan(60_000);
    } finally {
      await shell.close();
    }
  });

  it('fails with the core’s error when the core cannot open, logging no failure of its own', async () => {
    const log = capturedLog();
    await expect(
      openChromiumShell({
        bridge: Promise.reject(new Error('the profile is damaged')),
        rendererDir,
        headless: true,
        logger: log.logger,
      }),
    ).rejects.toThrow('the profile is damaged');
    expect(log.at('error')).toEqual([]);
  });
});
