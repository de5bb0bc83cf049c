// Electron main runtime, but pure: the security decisions of the shell as plain functions,
// so tests can check them in Node without the Electron binary.
import path from 'node:path';

/** The renderer is served from this origin only; IPC trusts nothing else. */
export const appScheme = 'app';
export const appHost = 'messenger';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** Sent with every response of the app scheme; matches the renderer's own meta tag. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Whether `url` is a page of our own renderer (scheme and host exactly ours). */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === `${appScheme}:` && parsed.host === appHost;
}

/**
 * The file under `rootDir` that an app:// URL names, or null when the URL is not ours or
 * would leave `rootDir` (`..`, encoded `%2e%2e`, backslashes, NUL, absolute paths).
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    // Not a path any of our files has: refusing is the answer.
    return null;
  }
  // A backslash is a separator on Windows: `..\` must not slip past the `..` check.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${pathname}`);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

/**
 * The address to hand to the system browser (or mail app) for a link the renderer tried to
 * open, or null to drop it: only parseable http(s) URLs with a host and no user name or
 * password, and mailto: links with an address.
 */
export function externalLinkTarget(url: string): string | null {
  if (url.length > 2048) return null;
  const parsed = parseUrl(url);
  if (!parsed) return null;
  if (parsed.protocol === 'mailto:') return parsed.pathname === '' ? null : parsed.href;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return null;
  return parsed.href;
}

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    // Not a URL: callers refuse it.
    return null;
  }
}
