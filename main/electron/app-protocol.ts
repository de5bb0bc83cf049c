// Electron main runtime, no electron import: the app:// handler that serves the built
// renderer (out/renderer) and the profile's images at /files/<sha256> (ShellBridge.servedFile),
// nothing else, with the CSP on every response.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ShellBridge } from '../core/bridge.js';
import type { Logger } from '../core/log/logger.js';
import { appHost, appScheme, contentSecurityPolicy, parseUrl, resolveAppFile } from './security.js';

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const appSchemePrivileges = {
  scheme: appScheme,
  // standard: relative URLs and origin-scoped storage work; secure: treated like https.
  // codeCache: V8 keeps the compiled renderer scripts between starts, as it does for https
  // (off by default for a custom scheme): later starts skip parsing the bundle again.
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type ReadFile = (file: string) => Promise<Uint8Array>;

export type ServedFiles = ShellBridge['servedFile'];
const filesPrefix = '/files/';

/**
 * A protocol.handle handler serving files under `rootDir`, and under /files/ the images the core
 * serves; a file that cannot be read is logged.
 */
export function createAppFileHandler(
  rootDir: string,
  logger: Logger,
  read: ReadFile = readFile,
  served: ServedFiles = async () => null,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Method not allowed');
    const url = parseUrl(request.url);
    if (url && isAppUrl(url) && url.pathname.startsWith(filesPrefix))
      return serveImage(request, url, served, read, logger);
    const file = resolveAppFile(rootDir, request.url);
    if (!file) return answer(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch (error) {
      // Not there is a 404 like any other; there but unreadable is worth a line too.
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code !== 'ENOENT' && code !== 'EISDIR') logger.caught('serving an app file', error);
      return answer(404, 'Not found');
    }
    const type = mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: headers(type),
    });
  };
}

async function serveImage(
  request: Request,
  url: URL,
  served: ServedFiles,
  read: ReadFile,
  logger: Logger,
): Promise<Response> {
  try {
    const image = await served(url.pathname);
    if (!image) return answer(404, 'Not found');
    const body = await read(image.file);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: headers(image.mime),
    });
  } catch (error) {
    logger.caught('serving a file of the profile', error);
    return answer(404, 'Not found');
  }
}

function isAppUrl(url: URL): boolean {
  return url.protocol === `${appScheme}:` && url.host === appHost;
}

function answer(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
