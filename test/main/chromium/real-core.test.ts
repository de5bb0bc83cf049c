// The Chromium shell with the real client core against a real server: a user signs up in
// the window, chats with someone who uses a plain Socket.IO client, and both see the messages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromiumShell, type ChromiumShell } from '../../../main/chromium/chromium-shell.js';
import { openMessengerCore } from '../../../main/core/open-core.js';
import { connect, EventLog, register, request, uniqueName, type ClientSocket } from '../../support/clients.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { buildRenderer } from './renderer-build.js';

describe('the Chromium shell with the real core', () => {
  let rendererDir: string;
  let profileDir: string;
  let server: TestServer;
  let shell: ChromiumShell | undefined;
  let bobSocket: ClientSocket | undefined;

  beforeAll(async () => {
    rendererDir = await buildRenderer();
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-profile-'));
    server = await startTestServer();
  });

  afterAll(async () => {
    await shell?.close();
    bobSocket?.close();
    await server?.close();
    for (const dir of [rendererDir, profileDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signs up in the window, sends to a second user and shows the reply', async () => {
    const bob = await register(server.url, uniqueName('bob'));
    bobSocket = await connect(server.url, bob.token);
    const bobEvents = new EventLog(bobSocket);

    const bridge = await openMessengerCore({ profileDir, defaultServerUrl: server.url });
    shell = await openChromiumShell({ bridge, rendererDir, headless: true });
    const page = shell.page;

    const alice = uniqueName('alice');
    await page.fill('#server-url', server.url);
    await page.fill('#name', alice);
    await page.fill('#password', 'long enough password');
    await page.click('#register');
    await page.waitForSelector('#connection[data-state="online"]');
    expect(await page.textContent('#account')).toContain(alice);

    await page.locator('#users button', { hasText: bob.user.name }).click();
    await page.waitForSelector('#chat:not([hidden])');
    const content = 'hello <b>bob</b>';
    await page.fill('#message', content);
    await page.click('#send');

    const arrived = await bobEvents.waitFor('message:new', (event) => event.message.content === content, 8000);
    expect(arrived.message.name).toBe(alice);
    await page.locator('#messages li[data-state="sent"]', { hasText: content }).waitFor();

    const reply = await request(bobSocket, 'message:send', { to: arrived.message.user, clientId: 'reply-1', content: 'hi alice' });
    expect(reply.ok).toBe(true);
    await page.locator('#messages li', { hasText: `${bob.user.name}: hi alice` }).waitFor();
    expect(await page.locator('#messages li').allTextContents()).toEqual([`${alice}: ${content}`, `${bob.user.name}: hi alice`]);
  });
});
