// Node runtime. The Chromium shell: Debian's Chromium driven by playwright-core shows the
// renderer, and the core runs in this Node process behind the same API as the preload.
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import type { ShellBridge } from '../core/bridge.js';
import type { Logger } from '../core/log/logger.js';
import { stderrLogger } from '../core/log/profile-log.js';
import { chromiumPath } from './ensure-chromium.js';
import { exposeBridge } from './expose-bridge.js';
import { reportFirstPaint } from './first-paint.js';
import { exposeNotifications } from './notifications.js';
import { rendererOrigin, rendererUrl, serveRenderer } from './renderer-origin.js';
import {
  defaultWindowPlace,
  readWindowPlace,
  windowArgs,
  windowPlaceFile,
  WindowPlaceKeeper,
  type WindowPlace,
} from './window-place.js';

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
  /** The core, or the core still opening: Chromium starts meanwhile (the launch waits on neither). */
  bridge: ShellBridge | Promise<ShellBridge>;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  headless: boolean;
  executablePath?: string;
  /**
   * The profile's folder: Chromium keeps its own data in `chromium/` there and the window's
   * place in window.json. Without it (tests) Chromium gets a temporary folder and the default place.
   */
  profileDir?: string;
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

/** How often a shown window's place is read back: Chromium reports no move. */
const placeCheckMs = 2000;

/**
 * How Chromium is started: an app window on the renderer (no tabs, address bar or menu),
 * sandboxed unless this process runs as root, where Chromium's sandbox refuses to start
 * (Playwright then passes --no-sandbox). Windows has no uid: sandboxed.
 */
export function launchSettings(
  headless: boolean,
  place: WindowPlace = defaultWindowPlace,
  uid: number | null = process.getuid?.() ?? null,
): { headless: boolean; chromiumSandbox: boolean; args: string[] } {
  return {
    headless,
    chromiumSandbox: uid !== 0,
    // --class names the window for the window manager, which groups and labels it "messenger".
    args: [...chromiumFlags, `--app=${rendererUrl}`, '--class=messenger', ...windowArgs(place)],
  };
}

export async function openChromiumShell(options: ChromiumShellOptions): Promise<ChromiumShell> {
  const logger = options.logger ?? stderrLogger;
  const placeFile = options.profileDir ? windowPlaceFile(options.profileDir) : null;
  const place = placeFile ? readWindowPlace(placeFile, logger) : defaultWindowPlace;
  // The first page is the app window itself; viewport null lets the page follow its size.
  const launching = chromium.launchPersistentContext(
    options.profileDir ? path.join(options.profileDir, 'chromium') : '',
    {
      executablePath: options.executablePath ?? chromiumPath(),
      ...launchSettings(options.headless, place),
      viewport: null,
      // main.ts handles Ctrl+C and SIGTERM: the window's place is saved before Chromium goes.
      handleSIGINT: false,
      handleSIGTERM: false,
    },
  );
  const { context, bridge } = await bothOrNeither(launching, Promise.resolve(options.bridge), logger);
  let browserGone = false;
  context.on('close', () => (browserGone = true));
  let page: Page | null = null;
  let unsubscribe = () => {};
  let closeWindow = () => {};
  let closing: Promise<void> | undefined;
  let keeper: { save(): Promise<void>; stop(): void } = { save: async () => {}, stop: () => {} };
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      unsubscribe();
      keeper.stop();
      await keeper.save();
      if (!browserGone) await context.close().catch((error: unknown) => logger.caught('closing Chromium', error));
      await bridge.close();
    })());
  const closed = new Promise<void>((resolve, reject) => {
    // Whoever closes first (the user, the browser, the caller), `closed` reports the outcome.
    const closeOnce = () => void close().then(resolve, reject);
    context.on('close', closeOnce);
    closeWindow = closeOnce;
  });
  // Callers that never await `closed` must not get an unhandled rejection from it.
  closed.catch((error: unknown) => logger.caught('closing the app', error));

  try {
    await serveRenderer(context, options.rendererDir, logger, (urlPath) => bridge.servedFile(urlPath));
    unsubscribe = await exposeBridge(context, bridge, () => page, logger);
    const stopEvents = unsubscribe;
    const stopNotifications = await exposeNotifications(context, bridge, () => page, logger);
    await reportFirstPaint(context, () => page, logger);
    unsubscribe = () => {
      stopEvents();
      stopNotifications();
    };
    context.on('page', (other) => {
      // The messenger has one window: window.open and target=_blank get nothing.
      if (page && other !== page) void other.close().catch((error: unknown) => logger.caught('closing a popup', error));
    });
    page = context.pages()[0] ?? (await context.newPage());
    // Playwright also asks for about:blank at launch; app mode opens the app window alone, so
    // anything else open here is a stray tab.
    for (const other of context.pages()) if (other !== page) await other.close();
    page.on('close', () => closeWindow());
    denyNavigation(page, logger);
    if (placeFile)
      keeper = keepWindowPlace(await context.newCDPSession(page), placeFile, place, options.headless, logger);
    // The app window asked for the renderer before it was served: load it again, now with the API.
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

/** Chromium and the core, started together; if either fails the other is closed. */
async function bothOrNeither(
  launching: Promise<BrowserContext>,
  opening: Promise<ShellBridge>,
  logger: Logger,
): Promise<{ context: BrowserContext; bridge: ShellBridge }> {
  const [context, bridge] = await Promise.allSettled([launching, opening]);
  if (context.status === 'fulfilled' && bridge.status === 'fulfilled')
    return { context: context.value, bridge: bridge.value };
  if (context.status === 'fulfilled')
    await context.value.close().catch((error: unknown) => logger.caught('closing Chromium', error));
  if (bridge.status === 'fulfilled')
    await bridge.value.close().catch((error: unknown) => logger.caught('closing the core', error));
  throw context.status === 'rejected' ? context.reason : (bridge as PromiseRejectedResult).reason;
}

/** Saves the window's place now and then while it shows, and when the shell closes it. */
function keepWindowPlace(
  cdp: CDPSession,
  file: string,
  start: WindowPlace,
  headless: boolean,
  logger: Logger,
): { save(): Promise<void>; stop(): void } {
  const keeper = new WindowPlaceKeeper(file, logger, start);
  const save = () => keeper.save(cdp);
  const timer = headless ? null : setInterval(() => void save(), placeCheckMs);
  timer?.unref();
  return { save, stop: () => timer && clearInterval(timer) };
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
