// Electron main runtime, type-only electron import: what keeps the renderer in its box.
// Each function takes the Electron object it configures, so tests hand it fakes.
import type { WebPreferences } from 'electron';
import type { Logger } from '../core/log/logger.js';
import { externalLinkTarget } from './security.js';

/** The window's web preferences: isolated, sandboxed, no Node, web security on. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    experimentalFeatures: false,
    safeDialogs: true,
    // Misspelled words are underlined; the right-click menu offers the suggestions (context-menu.ts).
    spellcheck: true,
  };
}

export interface PreventableEvent {
  preventDefault(): void;
}

/** Electron's navigation events carry the address they would go to. */
export interface NavigationEvent extends PreventableEvent {
  url?: string;
}

/** The parts of a WebContents the hardening configures. */
export interface WebContentsLike {
  on(event: string, listener: (event: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Events that would take a web contents away from our page or attach foreign content. */
export const deniedNavigationEvents = [
  'will-navigate',
  'will-frame-navigate',
  'will-redirect',
  'will-attach-webview',
] as const;

/**
 * Every navigation away and every new window is refused. A link the page tries to open in
 * a new window, or to follow in this one, goes to the system browser (or mail app) instead,
 * if it is a plain http(s) or mailto address.
 */
export function hardenWebContents(
  contents: WebContentsLike,
  openExternal: (url: string) => Promise<void>,
  logger: Logger,
): void {
  const openOutside = (url: string) => {
    const target = externalLinkTarget(url);
    // A browser that fails to start must not take the app down. Only the error's name is
    // logged: its message may quote the address, which came from a message.
    if (target !== null) {
      openExternal(target).catch((error: unknown) =>
        logger.warn(`opening a link in the browser failed (${error instanceof Error ? error.name : typeof error})`),
      );
    }
  };
  for (const name of deniedNavigationEvents) contents.on(name, (event) => event.preventDefault());
  // A plain link clicked in the page: the page stays, the link opens outside.
  contents.on('will-navigate', (event) => openOutside(event.url ?? ''));
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

/** The parts of a Session whose permission handlers we set. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/** The messenger needs no web permission: camera, geolocation, notifications… all refused. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
