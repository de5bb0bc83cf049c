// The app:// handler's /files/ route with the core's file service: images of the profile's
// cache and staged files are served with nosniff and the CSP; anything else is a 404.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileService } from '../../../main/core/files/file-service.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import { profilePaths } from '../../../main/core/profile.js';
import { createAppFileHandler } from '../../../main/electron/app-protocol.js';
import { contentSecurityPolicy } from '../../../main/electron/security.js';
import { pdfBytes, pngBytes, sha256 } from '../../support/staged-files.js';

let dir: string;
let files: FileService;
let handle: (request: Request) => Promise<Response>;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-files-'));
  fs.mkdirSync(path.join(dir, 'renderer'));
  files = await FileService.open({
    paths: profilePaths(dir),
    signedIn: () => null,
    outboxImage: () => null,
    emit: () => {},
    desktop: { openPath: async () => {}, saveAs: async () => null },
    cacheCapBytes: 1 << 30,
    now: Date.now,
    logger: silentLogger,
  });
  handle = createAppFileHandler(path.join(dir, 'renderer'), silentLogger, undefined, (p) => files.servedFile(p));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cache(bytes: Buffer, mime: string): Promise<string> {
  const temp = files.cache.tempFile();
  fs.writeFileSync(temp, bytes);
  await files.cache.adopt(sha256(bytes), temp, { size: bytes.length, mime });
  return sha256(bytes);
}

describe('app://messenger/files/', () => {
  it('serves a cached image with its type, nosniff and the CSP', async () => {
    const image = pngBytes(2, 2);
    const hash = await cache(image, 'image/png');
    const answer = await handle(new Request(`app://messenger/files/${hash}`));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(Buffer.from(await answer.arrayBuffer()).equals(image)).toBe(true);
  });

  it('serves a staged image before it is sent', async () => {
    const image = pngBytes(3, 3);
    const { stagedId } = await files.staged.begin('a.png', image.length, 1 << 20);
    await files.staged.append(stagedId, image);
    const staged = await files.staged.finish(stagedId);
    const answer = await handle(new Request(`app://messenger${staged.url}`));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
  });

  it('answers 404 for a cached file that is not an image, an unknown hash, and anything else under /files/', async () => {
    const pdf = await cache(pdfBytes(), 'application/pdf');
    // Even when the index claims an HTML file's bytes are HTML, it is never served.
    const html = await cache(Buffer.from('<script>alert(1)</script>'), 'text/html');
    for (const url of [
      `app://messenger/files/${pdf}`,
      `app://messenger/files/${html}`,
      `app://messenger/files/${'0'.repeat(64)}`,
      'app://messenger/files/index.json',
      'app://messenger/files/../files/index.json',
      `app://messenger/files/${pdf.toUpperCase()}`,
    ]) {
      const answer = await handle(new Request(url));
      expect(answer.status, url).toBe(404);
      expect(answer.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    }
  });
});
