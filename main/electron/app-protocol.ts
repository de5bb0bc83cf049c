// Electron main runtime, no electron import: the app:// handler that serves the built
// renderer (out/renderer) and nothing else, with the CSP on every response.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/log/logger.js';
import { appScheme, contentSecurityPolicy, resolveAppFile } from './security.js';

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const appSchemePrivileges = {
  scheme: appScheme,
  // standard: relative URLs and origin-scoped storage work; secure: treated like https.
  privileges: { standard: true, secure: true, supportFetchAPI: true },
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

/** A protocol.handle handler serving files under `rootDir`; a file that cannot be read is logged. */
export function createAppFileHandler(
  rootDir: string,
  logger: Logger,
  read: ReadFile = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Method not allowed');
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
