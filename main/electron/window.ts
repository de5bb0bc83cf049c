// Electron main runtime. Puts the hardening together: the app:// scheme serving out/renderer
// with its CSP, a default session that grants nothing, every web contents locked to our page,
// and the one main window.
import { app, BrowserWindow, protocol, session, shell } from 'electron';
import type { ShellBridge } from '../core/bridge.js';
import type { Logger } from '../core/log/logger.js';
import { stderrLogger } from '../core/log/profile-log.js';
import { appSchemePrivileges, createAppFileHandler, type ServedFiles } from './app-protocol.js';
import { denyAllPermissions, hardenWebContents, secureWebPreferences } from './hardening.js';
import { appEntryUrl, appScheme, externalLinkTarget } from './security.js';
import { hideOnClose, reportFocus } from './window-behaviour.js';

/** Must run before the app is ready: privileges cannot be granted later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
}

/** After ready, before the first window: serve the renderer and shut every other door. */
export function secureApp(rendererDir: string, logger: Logger = stderrLogger, served?: ServedFiles): void {
  protocol.handle(appScheme, createAppFileHandler(rendererDir, logger, undefined, served));
  denyAllPermissions(session.defaultSession);
  // Every web contents, not only our window's: devtools, future windows, anything created.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternalLink, logger));
}

/**
 * The one way out to the system's browser or mail app, for the page's links and the core's
 * openLink alike: only what externalLinkTarget() lets through (http, https, mailto).
 */
export function openExternalLink(url: string): Promise<void> {
  const target = externalLinkTarget(url);
  if (target === null) return Promise.reject(new Error('only http(s) and mailto links open outside the app'));
  return shell.openExternal(target);
}

export interface MainWindowOptions {
  preloadPath: string;
  bridge: Pick<ShellBridge, 'setWindowFocused'>;
  /** Asked on every close: true hides the window instead (close-to-tray). */
  shouldHideOnClose: () => boolean;
  /** The profile's log (stderr by default). */
  logger?: Logger;
}

export function createMainWindow({
  preloadPath,
  bridge,
  shouldHideOnClose,
  logger = stderrLogger,
}: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 960,
    height: 680,
    minWidth: 480,
    minHeight: 400,
    title: 'Messenger',
    // Shown once painted, so the user never sees a blank frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  reportFocus(window, bridge);
  hideOnClose(window, shouldHideOnClose);
  window.loadURL(appEntryUrl).catch((error: unknown) => logger.caught(`loading ${appEntryUrl}`, error));
  return window;
}
