// The update feed under /updates/ (--updates-dir): real server on port 0, a temporary folder,
// raw HTTP requests so that paths reach the server exactly as written (fetch would resolve `..`).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../server/config.js';
import { startServer } from '../../../server/app.js';
import { startTestServer, type TestServer } from '../../support/server.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(server: TestServer, rawPath: string, options: { method?: string; range?: string } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: options.range ? { range: options.range } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const feed = 'version: 1.2.0\nfiles:\n  - url: Messenger Setup 1.2.0.exe\n    sha512: abc\n    size: 1000\n';
const installer = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

describe('a server with --updates-dir', () => {
  let server: TestServer;
  let root: string;
  let dir: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-updates-'));
    dir = path.join(root, 'updates');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'latest.yml'), feed);
    fs.writeFileSync(path.join(dir, 'Messenger Setup 1.2.0.exe'), installer);
    fs.writeFileSync(path.join(dir, '.hidden.yml'), 'secret');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'inner.yml'), 'inner');
    fs.writeFileSync(path.join(root, 'outside.yml'), 'outside');
    fs.symlinkSync(path.join(root, 'outside.yml'), path.join(dir, 'escape.yml'));
    fs.symlinkSync(path.join(dir, 'latest.yml'), path.join(dir, 'alias.yml'));
    server = await startTestServer({ updatesDir: dir });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves the feed whole, without a token, as YAML that is not cached stale', async () => {
    const answer = await request(server, '/updates/latest.yml');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(feed);
    expect(answer.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(feed)));
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(answer.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(new Date(answer.headers['last-modified']!).getTime()).not.toBeNaN();
  });

  it('ignores the query string electron-updater adds to skip caches (?noCache=…)', async () => {
    const answer = await request(server, '/updates/latest.yml?noCache=1j2k3l');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(feed);
  });

  it('serves an installer named with spaces (URL-encoded), byte for byte', async () => {
    const answer = await request(server, '/updates/Messenger%20Setup%201.2.0.exe');
    expect(answer.status).toBe(200);
    expect(answer.body.equals(installer)).toBe(true);
    expect(answer.headers['accept-ranges']).toBe('bytes');
    expect(answer.headers['content-type']).toBe('application/vnd.microsoft.portable-executable');
  });

  it('answers a byte range with 206 and just those bytes', async () => {
    const answer = await request(server, '/updates/Messenger%20Setup%201.2.0.exe', { range: 'bytes=100-199' });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe('bytes 100-199/1000');
    expect(answer.headers['content-length']).toBe('100');
    expect(answer.body.equals(installer.subarray(100, 200))).toBe(true);
  });

  it('answers a range past the end with 416 and the size', async () => {
    const answer = await request(server, '/updates/latest.yml', { range: 'bytes=5000-6000' });
    expect(answer.status).toBe(416);
    expect(answer.headers['content-range']).toBe(`bytes */${Buffer.byteLength(feed)}`);
  });

  it('answers HEAD with the headers and no body', async () => {
    const answer = await request(server, '/updates/Messenger%20Setup%201.2.0.exe', { method: 'HEAD' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe('1000');
    expect(answer.body.length).toBe(0);
  });

  it('follows a symlink that stays in the folder', async () => {
    const answer = await request(server, '/updates/alias.yml');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(feed);
  });

  it('is 404 for anything that is not a plain file directly in the folder', async () => {
    const refused = [
      '/updates/',
      '/updates/missing.yml',
      '/updates/../outside.yml',
      '/updates/%2e%2e/outside.yml',
      '/updates/%2e%2e%2foutside.yml',
      '/updates/..%5coutside.yml',
      '/updates/sub/inner.yml',
      '/updates/sub%2finner.yml',
      '/updates/sub',
      '/updates/.hidden.yml',
      '/updates/%2ehidden.yml',
      '/updates/escape.yml',
      '/updates/bad%zzname',
      '/updates/nul%00.yml',
    ];
    for (const rawPath of refused) {
      const answer = await request(server, rawPath);
      expect([rawPath, answer.status]).toEqual([rawPath, 404]);
      expect(JSON.parse(answer.body.toString())).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('takes no uploads: POST is 405', async () => {
    const answer = await request(server, '/updates/latest.yml', { method: 'POST' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
  });
});

describe('a server without --updates-dir', () => {
  it('is 404 under /updates/', async () => {
    const server = await startTestServer();
    try {
      for (const rawPath of ['/updates/latest.yml', '/updates/', '/updates/x.exe']) {
        expect((await request(server, rawPath)).status).toBe(404);
      }
    } finally {
      await server.close();
    }
  });
});

describe('the --updates-dir setting', () => {
  it('is read from the flag or MESSENGER_UPDATES_DIR, the flag winning', () => {
    expect(readConfig(['--updates-dir', '/srv/a'], { MESSENGER_UPDATES_DIR: '/srv/b' }).updatesDir).toBe('/srv/a');
    expect(readConfig([], { MESSENGER_UPDATES_DIR: '/srv/b' }).updatesDir).toBe('/srv/b');
    expect(readConfig([], {}).updatesDir).toBeUndefined();
  });

  it('stops the start when the folder does not exist', async () => {
    const missing = path.join(os.tmpdir(), `messenger-no-such-${process.pid}`);
    await expect(
      startServer({
        port: 0,
        host: '127.0.0.1',
        dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'm-')),
        sendRate: 0,
        updatesDir: missing,
      }),
    ).rejects.toThrow(`--updates-dir ${missing} is not a folder.`);
  });
});
