// The app:// handler against a real folder: it serves the built renderer with the right type
// and the CSP on every answer, and nothing outside the folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/log/logger.js';
import { appSchemePrivileges, createAppFileHandler } from '../../../main/electron/app-protocol.js';
import { contentSecurityPolicy } from '../../../main/electron/security.js';

let base: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'app-protocol-'));
  const root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Messenger</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(path.join(base, 'secret.txt'), 'do not serve');
  handle = createAppFileHandler(root, silentLogger);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('app:// handler', () => {
  it('serves index.html and assets with their types and the CSP', async () => {
    const page = await handle(new Request('app://messenger/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Messenger</title>');

    const script = await handle(new Request('app://messenger/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');

    const style = await handle(new Request('app://messenger/assets/index-abc.css'));
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves index.html for the bare origin', async () => {
    const page = await handle(new Request('app://messenger/'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Messenger');
  });

  it('refuses traversal, foreign hosts and missing files with the CSP still set', async () => {
    for (const url of [
      'app://messenger/..%2fsecret.txt',
      'app://messenger/%2e%2e%2fsecret.txt',
      'app://messenger/assets/..%2f..%2fsecret.txt',
      'app://other/index.html',
      'app://messenger/missing.js',
      'app://messenger/assets',
    ]) {
      const answer = await handle(new Request(url));
      expect(answer.status, url).toBe(404);
      expect(answer.headers.get('content-security-policy'), url).toBe(contentSecurityPolicy);
      expect(await answer.text(), url).not.toContain('do not serve');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const answer = await handle(new Request('app://messenger/index.html', { method: 'POST', body: 'x' }));
    expect(answer.status).toBe(405);
    const head = await handle(new Request('app://messenger/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('registers the scheme as standard and secure, without bypassing the CSP', () => {
    expect(appSchemePrivileges.scheme).toBe('app');
    expect(appSchemePrivileges.privileges).toMatchObject({ standard: true, secure: true });
    // V8's code cache of the renderer's scripts needs both codeCache and standard.
    expect(appSchemePrivileges.privileges).toMatchObject({ codeCache: true });
    expect(appSchemePrivileges.privileges).not.toHaveProperty('bypassCSP');
  });
});
