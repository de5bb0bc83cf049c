// The Chromium shell in real (headless) Chromium with a fake core: the renderer gets the
// same frozen window.messenger as from the Electron preload, and requests and events cross.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromiumShell, type ChromiumShell } from '../../../main/chromium/chromium-shell.js';
import { rendererFile, rendererOrigin, rendererUrl } from '../../../main/chromium/renderer-origin.js';
import { defaultSettings, eventNames, requestNames, type Chat } from '../../../main/ipc/contract.js';
import { FakeBridge } from './fake-bridge.js';
import { buildRenderer } from './renderer-build.js';
import { decodablePng, sha256 } from '../../support/staged-files.js';

let rendererDir: string;

beforeAll(async () => {
  rendererDir = await buildRenderer();
});

afterAll(() => {
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

describe('window.messenger in the Chromium shell', () => {
  const bridge = new FakeBridge();
  let shell: ChromiumShell;

  beforeAll(async () => {
    shell = await openChromiumShell({ bridge, rendererDir, headless: true });
  });

  afterAll(async () => {
    await shell?.close();
  });

  it('offers every request and `on`, frozen, with no binding left on the window', async () => {
    const seen = await shell.page.evaluate(() => {
      const page = globalThis as any;
      const api = page.messenger;
      return {
        keys: Object.keys(api),
        types: Object.values(api).map((value) => typeof value),
        frozen: Object.isFrozen(api),
        replaced: (() => {
          try {
            page.messenger = {};
          } catch {
            // Strict-mode assignment to a read-only global throws; either way it must not change.
          }
          return page.messenger !== api;
        })(),
        visible: Object.keys(page).filter((name) => name.startsWith('__messenger')),
      };
    });
    expect(seen.keys).toEqual([...requestNames, 'on']);
    expect(new Set(seen.types)).toEqual(new Set(['function']));
    expect(seen.frozen).toBe(true);
    expect(seen.replaced).toBe(false);
    expect(seen.visible).toEqual([]);
  });

  it('carries a request and its payload to the bridge and resolves with the value', async () => {
    const users = [{ id: 2, name: 'bob', online: true }];
    bridge.answers.set('listUsers', { ok: true, value: users });
    bridge.answers.set('loadHistory', { ok: true, value: { messages: [], hasMore: false } });
    const result = await shell.page.evaluate(async () => {
      const api = (globalThis as any).messenger;
      return { users: await api.listUsers(), page: await api.loadHistory({ who: 2, beforeSeq: 10, limit: 5 }) };
    });
    expect(result).toEqual({ users, page: { messages: [], hasMore: false } });
    expect(bridge.requests).toContainEqual({ name: 'listUsers', payload: undefined });
    expect(bridge.requests).toContainEqual({ name: 'loadHistory', payload: { who: 2, beforeSeq: 10, limit: 5 } });
  });

  it('rejects with an Error carrying the failure code and message', async () => {
    bridge.answers.set('send', { ok: false, error: { code: 'rate_limited', message: 'Slow down.' } });
    const failure = await shell.page.evaluate(async () => {
      try {
        await (globalThis as any).messenger.send({ to: 2, content: 'hi' });
        return null;
      } catch (error: any) {
        return { isError: error instanceof Error, name: error.name, code: error.code, message: error.message };
      }
    });
    expect(failure).toEqual({ isError: true, name: 'MessengerError', code: 'rate_limited', message: 'Slow down.' });
  });

  it('delivers bridge events to `on` listeners in order, until unsubscribed', async () => {
    await shell.page.evaluate(() => {
      const page = globalThis as any;
      page.seenEvents = [];
      page.stopTyping = page.messenger.on('typing', (payload: unknown) => page.seenEvents.push(payload));
    });
    for (let from = 1; from <= 20; from += 1) bridge.emit('typing', { from });
    await shell.page.waitForFunction(() => (globalThis as any).seenEvents.length === 20);
    const seen = await shell.page.evaluate(() =>
      (globalThis as any).seenEvents.map((event: { from: number }) => event.from),
    );
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    await shell.page.evaluate(() => (globalThis as any).stopTyping());
    bridge.emit('typing', { from: 99 });
    // An event the page shows: once it is applied, the one before it has been delivered too.
    bridge.emit('settings', { ...defaultSettings, theme: 'dark' });
    await shell.page.waitForSelector('html[data-theme="dark"]');
    expect(await shell.page.evaluate(() => (globalThis as any).seenEvents.length)).toBe(20);
  });

  it('ignores unknown events and non-function listeners, as the preload does', async () => {
    const kinds = await shell.page.evaluate(() => {
      const api = (globalThis as any).messenger;
      return [typeof api.on('nonsense', () => {}), typeof api.on('chats', 'not a function')];
    });
    expect(kinds).toEqual(['function', 'function']);
    expect(eventNames).toContain('chats');
  });

  it('shows message text as text, never as HTML', async () => {
    const chat: Chat = { id: 1, user: 1, who: 2, name: 'bob', unread: 1, updatedAt: 1, lastSeq: 1, last: null };
    const content = '<img src=x onerror="document.title=`pwned`"><b>bold</b>';
    bridge.answers.set('openChat', { ok: true, value: chat });
    bridge.answers.set('loadHistory', {
      ok: true,
      value: {
        messages: [{ clientId: 'c1', id: 1, seq: 1, user: 2, name: 'bob', date: 1, content, state: 'sent' }],
        hasMore: false,
      },
    });
    bridge.emit('account', { serverUrl: 'http://127.0.0.1:1', user: { id: 1, name: 'alice' } });
    bridge.emit('chats', [chat]);
    await shell.page.getByRole('list', { name: 'Chats' }).getByRole('button', { name: 'bob' }).click();
    const message = shell.page.getByTestId('message');
    await message.waitFor();
    expect(await message.locator('.message-text').textContent()).toBe(content);
    expect(await message.locator('img, b').count()).toBe(0);
    // The title names whose window it is; the message could not change it.
    expect(await shell.page.title()).toBe('Messenger — alice');
  });

  it('reports window focus to the bridge', async () => {
    await shell.page.evaluate(() => (globalThis as any).dispatchEvent(new Event('blur')));
    expect(bridge.focus.length).toBeGreaterThan(0);
  });

  it('accepts requests only from the messenger window itself', async () => {
    const code = await shell.page.evaluate(async () => {
      const page = globalThis as any;
      const frame = page.document.createElement('iframe');
      frame.src = '/index.html';
      await new Promise((resolve) => {
        frame.onload = resolve;
        page.document.body.append(frame);
      });
      try {
        await frame.contentWindow.messenger.listUsers();
        return null;
      } catch (error: any) {
        return error.code;
      } finally {
        frame.remove();
      }
    });
    expect(code).toBe('unauthorized');
  });

  it('keeps one window: window.open gets nothing', async () => {
    const popup = shell.page.context().waitForEvent('page');
    await shell.page.evaluate(() => (globalThis as any).open('/index.html'));
    const opened = await popup;
    await expect.poll(() => opened.isClosed()).toBe(true);
    expect(shell.page.context().pages()).toEqual([shell.page]);
    expect(shell.page.isClosed()).toBe(false);
  });

  it('stays on the renderer when the page tries to navigate away', async () => {
    await shell.page.evaluate(() => {
      (globalThis as any).location.href = 'http://example.com/';
    });
    await expect.poll(() => shell.page.url(), { timeout: 5000 }).toBe(rendererUrl);
    await shell.page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('serves the renderer with its CSP on a fixed origin, and 404 for anything else', async () => {
    const index = await shell.page.goto(rendererUrl);
    expect(index?.status()).toBe(200);
    expect(index?.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(index?.headers()['content-security-policy']).not.toContain('unsafe-eval');
    const missing = await shell.page.goto(`${rendererOrigin}/no-such-file.js`);
    expect(missing?.status()).toBe(404);
    await shell.page.goto(rendererUrl);
  });

  it("shows our icon and the page's title, signed out just the app's name", async () => {
    bridge.emit('account', null);
    await expect.poll(() => shell.page.title()).toBe('Messenger');
    const icon = await shell.page.evaluate(async () => {
      const href = (globalThis as any).document.querySelector('link[rel="icon"]')?.href as string | undefined;
      const img = (globalThis as any).document.createElement('img');
      img.src = href;
      await img.decode().catch(() => undefined);
      return { href, width: img.naturalWidth };
    });
    expect(icon.href).toMatch(new RegExp(`^${rendererOrigin}/assets/.+\\.png$`));
    expect(icon.width).toBe(256);
  });

  it('serves the images the core serves at /files/ with nosniff and the CSP; the page shows them, nothing else', async () => {
    const image = decodablePng(7, 5);
    const hash = sha256(image);
    const file = path.join(rendererDir, '..', `served-${hash}`);
    fs.writeFileSync(file, image);
    bridge.served.set(`/files/${hash}`, { file, mime: 'image/png' });
    const answer = (await shell.page.goto(`${rendererOrigin}/files/${hash}`))!;
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('image/png');
    expect(answer.headers()['x-content-type-options']).toBe('nosniff');
    expect(answer.headers()['content-security-policy']).toContain("connect-src 'none'");
    expect((await answer.body()).equals(image)).toBe(true);
    expect((await shell.page.goto(`${rendererOrigin}/files/${'0'.repeat(64)}`))?.status()).toBe(404);
    await shell.page.goto(rendererUrl);
    // The page's own <img> loads it; the page still cannot fetch anything.
    const shown = await shell.page.evaluate(async (url) => {
      const img = (globalThis as any).document.createElement('img');
      img.src = url;
      await img.decode().catch(() => undefined);
      const fetched = await fetch(url).then(
        () => 'fetched',
        () => 'blocked',
      );
      return { width: img.naturalWidth, height: img.naturalHeight, fetched };
    }, `/files/${hash}`);
    expect(shown).toEqual({ width: 7, height: 5, fetched: 'blocked' });
    fs.rmSync(file);
  });
});

describe('rendererFile', () => {
  it('stays inside the renderer folder', () => {
    expect(rendererFile('/srv/renderer', '/')).toBe('/srv/renderer/index.html');
    expect(rendererFile('/srv/renderer', '/assets/index.js')).toBe('/srv/renderer/assets/index.js');
    expect(rendererFile('/srv/renderer', '/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(rendererFile('/srv/renderer', '/%E0%A4%A')).toBeNull();
  });
});

describe('closing the Chromium shell', () => {
  it('closes the core when the window closes', async () => {
    const bridge = new FakeBridge();
    const shell = await openChromiumShell({ bridge, rendererDir, headless: true });
    await shell.page.close();
    await shell.closed;
    expect(bridge.closeCalls).toBe(1);
    expect(bridge.subscribers).toBe(0);
  });

  it('closes the core when the browser goes away', async () => {
    const bridge = new FakeBridge();
    const shell = await openChromiumShell({ bridge, rendererDir, headless: true });
    await shell.page.context().browser()?.close();
    await shell.closed;
    expect(bridge.closeCalls).toBe(1);
  });
});
