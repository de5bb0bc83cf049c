// The Chromium shell with the real client core against a real server: a user signs up in
// the window, chats with someone who uses a plain Socket.IO client, and both see the messages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromiumShell, type ChromiumShell } from '../../../main/chromium/chromium-shell.js';
import { MessengerCore } from '../../../main/core/messenger-core.js';
import { connect, EventLog, register, request, uniqueName, type ClientSocket } from '../../support/clients.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { buildRenderer } from './renderer-build.js';
import { isolated } from '../../../renderer/i18n/strings.js';

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

    const bridge = await MessengerCore.open({ profileDir, defaultServerUrl: server.url });
    shell = await openChromiumShell({ bridge, rendererDir, headless: true });
    const page = shell.page;

    const alice = uniqueName('alice');
    await page.getByRole('textbox', { name: 'Server' }).fill(server.url);
    await page.getByRole('textbox', { name: 'Name' }).fill(alice);
    await page.getByLabel('Password').fill('long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('img', { name: `You are signed in as ${isolated(alice)}` }).waitFor();

    // The contact list fills in once the connection is online.
    await nav.getByRole('button', { name: 'Contacts' }).click();
    await page
      .getByRole('list', { name: 'Contacts' })
      .getByRole('button', { name: bob.user.name, exact: true })
      .click();
    await page.getByRole('heading', { level: 2, name: bob.user.name }).waitFor();
    const content = 'hello <b>bob</b>';
    await page.getByRole('textbox', { name: 'Message' }).fill(content);
    await page.getByRole('button', { name: 'Send' }).click();

    const arrived = await bobEvents.waitFor('message:new', (event) => event.message.content === content, 8000);
    expect(arrived.message.name).toBe(alice);
    const messages = page.getByRole('region', { name: 'Messages' }).getByTestId('message');
    await messages.and(page.locator('[data-state="sent"]')).filter({ hasText: content }).waitFor();

    const reply = await request(bobSocket, 'message:send', {
      to: arrived.message.user,
      clientId: 'reply-1',
      content: 'hi alice',
    });
    expect(reply.ok).toBe(true);
    await messages.filter({ hasText: 'hi alice' }).waitFor();
    expect(await messages.locator('.message-text').allTextContents()).toEqual([content, 'hi alice']);
  });
});
