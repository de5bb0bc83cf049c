// Node runtime. Serves the built renderer to Chromium through request interception on a
// fixed origin: no port is opened, and nothing but the renderer's own files (and, at
// /files/<sha256>, the profile's images the core serves) can load.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';
import type { ShellBridge } from '../core/bridge.js';
import type { Logger } from '../core/log/logger.js';

/**
 * `.invalid` never resolves, so a request that escapes interception cannot reach anything.
 * https makes the page a secure context: web notifications work, and nothing says "Not secure".
 */
export const rendererOrigin = 'https://messenger.invalid';
export const rendererUrl = `${rendererOrigin}/index.html`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The CSP of index.html's meta tag, sent again as a header so both shells enforce the same one. */
export async function readRendererCsp(rendererDir: string): Promise<string> {
  const html = await fs.readFile(path.join(rendererDir, 'index.html'), 'utf8');
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!match?.[1]) throw new Error(`${rendererDir}/index.html has no Content-Security-Policy meta tag.`);
  return match[1];
}

/** Maps a URL path to a file inside `rendererDir`, or null if it points anywhere else. */
export function rendererFile(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // Not a path any of our files has: the 404 is the answer.
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`);
  return file.startsWith(root + path.sep) ? file : null;
}

export async function serveRenderer(
  context: BrowserContext,
  rendererDir: string,
  logger: Logger,
  served: ShellBridge['servedFile'] = async () => null,
): Promise<void> {
  const csp = await readRendererCsp(rendererDir);
  const headers = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  await context.route('**/*', async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.origin !== rendererOrigin) return route.abort('blockedbyclient');
    if (request.method() !== 'GET' && request.method() !== 'HEAD') {
      return route.fulfill({ status: 405, headers, contentType: 'text/plain', body: 'Method not allowed' });
    }
    if (url.pathname.startsWith('/files/')) {
      const image = await served(url.pathname).catch((error: unknown) => notServed(error, logger));
      const body = image ? await fs.readFile(image.file).catch((error: unknown) => notServed(error, logger)) : null;
      if (!image || !body) return route.fulfill({ status: 404, headers, contentType: 'text/plain', body: 'Not found' });
      return route.fulfill({ status: 200, headers, contentType: image.mime, body });
    }
    const file = rendererFile(rendererDir, url.pathname);
    const body = file ? await fs.readFile(file).catch((error: unknown) => notServed(error, logger)) : null;
    if (!file || !body) return route.fulfill({ status: 404, headers, contentType: 'text/plain', body: 'Not found' });
    return route.fulfill({
      status: 200,
      headers,
      contentType: contentTypes[path.extname(file)] ?? 'application/octet-stream',
      body,
    });
  });
}

/** A file that is not there is a 404 like any other; one that cannot be read is logged too. */
function notServed(error: unknown, logger: Logger): null {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'ENOENT' && code !== 'EISDIR') logger.caught('serving a renderer file', error);
  return null;
}
