// Node runtime. The Chromium shell: Debian's Chromium driven by playwright-core shows the
// renderer, and the core runs in this Node process behind the same API as the preload.
import { chromium, type Page } from 'playwright-core';
import type { ShellBridge } from '../core/bridge.js';
import type { Logger } from '../core/log/logger.js';
import { stderrLogger } from '../core/log/profile-log.js';
import { chromiumPath } from './ensure-chromium.js';
import { exposeBridge } from './expose-bridge.js';
import { rendererOrigin, rendererUrl, serveRenderer } from './renderer-origin.js';

/** This machine's closed network refuses Chromium's background connections, so turn them off. */
export const chromiumFlags = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];

export interface ChromiumShellOptions {
  bridge: ShellBridge;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  headless: boolean;
  executablePath?: string;
  /** The profile's log (stderr by default): what failed in the shell. */
  logger?: Logger;
}

export interface ChromiumShell {
  page: Page;
  /** Settles once the window is gone and the core has closed. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Headed when there is a display to show the window on. */
export function wantsHeadless(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes('--headless') || !(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * How Chromium is started: sandboxed, unless this process runs as root, where Chromium's
 * sandbox refuses to start (Playwright then passes --no-sandbox). Windows has no uid: sandboxed.
 */
export function launchSettings(
  headless: boolean,
  uid: number | null = process.getuid?.() ?? null,
): { headless: boolean; chromiumSandbox: boolean; args: string[] } {
  return {
    headless,
    chromiumSandbox: uid !== 0,
    args: headless ? chromiumFlags : [...chromiumFlags, '--window-size=1024,760'],
  };
}

export async function openChromiumShell(options: ChromiumShellOptions): Promise<ChromiumShell> {
  const logger = options.logger ?? stderrLogger;
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? chromiumPath(),
    ...launchSettings(options.headless),
  });
  let page: Page | null = null;
  let unsubscribe = () => {};
  let closeWindow = () => {};
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      unsubscribe();
      await browser.close().catch((error: unknown) => logger.caught('closing Chromium', error));
      await options.bridge.close();
    })());
  const closed = new Promise<void>((resolve, reject) => {
    // Whoever closes first (the user, the browser, the caller), `closed` reports the outcome.
    const closeOnce = () => void close().then(resolve, reject);
    browser.on('disconnected', closeOnce);
    closeWindow = closeOnce;
  });
  // Callers that never await `closed` must not get an unhandled rejection from it.
  closed.catch((error: unknown) => logger.caught('closing the app', error));

  try {
    const context = await browser.newContext(options.headless ? {} : { viewport: null });
    await serveRenderer(context, options.rendererDir, logger, (urlPath) => options.bridge.servedFile(urlPath));
    unsubscribe = await exposeBridge(context, options.bridge, () => page, logger);
    context.on('page', (other) => {
      // The messenger has one window: window.open and target=_blank get nothing.
      if (page && other !== page) void other.close().catch((error: unknown) => logger.caught('closing a popup', error));
    });
    page = await context.newPage();
    page.on('close', () => closeWindow());
    denyNavigation(page, logger);
    await page.goto(rendererUrl);
  } catch (error) {
    // The caller gets `error`; a failure while cleaning up is only logged.
    await close().catch((closing: unknown) => logger.caught('closing after a failed start', closing));
    throw error;
  }
  return {
    page,
    closed,
    close: () => {
      closeWindow();
      return closed;
    },
  };
}

/** Leaving the renderer's origin is refused by the router; a reload of the renderer stays allowed. */
function denyNavigation(page: Page, logger: Logger): void {
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    if (!frame.url().startsWith(`${rendererOrigin}/`)) {
      void page.goto(rendererUrl).catch((error: unknown) => logger.caught('going back to the renderer', error));
    }
  });
}
