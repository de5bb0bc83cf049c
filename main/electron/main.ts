// Electron main runtime, built to out/main/main.js. The desktop app's lifecycle: one instance
// per profile, the core opened for that profile, the window, and a quit that lets the core
// flush to disk before the process ends.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Menu, safeStorage, type BrowserWindow, type NativeImage } from 'electron';
import type { ShellBridge } from '../core/bridge.js';
import { MessengerCore } from '../core/messenger-core.js';
import { defaultSettings, type Settings, type Snapshot } from '../ipc/contract.js';
import { appMenuTemplate } from './app-menu.js';
import { startDesktop, type Desktop } from './desktop/desktop.js';
import { electronDesktopPieces } from './desktop/electron-pieces.js';
import { forwardEvents, registerRequestHandlers } from './ipc.js';
import { parseLaunchOptions, type LaunchOptions } from './launch-options.js';
import { createMainWindow, registerAppScheme, secureApp } from './window.js';
import { bringToFront } from './window-behaviour.js';

// out/main/main.js → out/: the preload and the renderer are built beside it.
const outDir = fileURLToPath(new URL('..', import.meta.url));
const preloadPath = path.join(outDir, 'preload', 'preload.cjs');
const rendererDir = path.join(outDir, 'renderer');
/** Long enough to flush the outbox and cache; short enough that Quit never seems to hang. */
const closeTimeoutMs = 10_000;

function log(line: string): void {
  process.stderr.write(`messenger: ${line}\n`);
}

function readOptions(): LaunchOptions | null {
  try {
    return parseLaunchOptions(process.argv);
  } catch (error) {
    dialog.showErrorBox('Messenger cannot start', error instanceof Error ? error.message : String(error));
    app.exit(2);
    return null;
  }
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still closing after ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

function run(options: LaunchOptions): void {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : app.getPath('userData');
  const profileDir = path.join(dataDir, 'profiles', options.profile);
  // Chromium's files per profile too; the single-instance lock follows userData, so it is
  // per profile and two profiles can run side by side.
  app.setPath('userData', path.join(profileDir, 'electron'));
  registerAppScheme();

  if (!app.requestSingleInstanceLock()) {
    // The first instance of this profile gets 'second-instance' and comes to the front.
    app.quit();
    return;
  }

  let window: BrowserWindow | null = null;
  let bridge: ShellBridge | null = null;
  let opening: Promise<ShellBridge | null> = Promise.resolve(null);
  let quitting = false;
  let closed = false;
  let closing: Promise<void> | null = null;
  let closeToTray = defaultSettings.closeToTray;
  let desktop: Desktop<NativeImage, Menu> | null = null;

  const openWindow = (core: ShellBridge): void => {
    // Hiding needs a way back: the tray (or, on macOS, the dock).
    const created = createMainWindow({
      preloadPath,
      bridge: core,
      shouldHideOnClose: () => !quitting && closeToTray && desktop !== null,
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    // Windows logging off or shutting down: the window must close, not hide.
    created.on('session-end', () => {
      quitting = true;
    });
    window = created;
    desktop?.windowCreated();
  };

  /** Tray "Open", notification click, dock click: the window may be hidden or closed. */
  const showWindow = (): void => {
    if (window) bringToFront(window);
    else if (bridge) openWindow(bridge);
  };

  const closeCore = async (): Promise<void> => {
    try {
      const core = await opening;
      if (core) await withTimeout(core.close(), closeTimeoutMs);
    } catch (error) {
      log(`closing the core failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      desktop?.dispose();
      desktop = null;
      closed = true;
      app.quit();
    }
  };

  app.on('second-instance', () => bringToFront(window));
  // macOS dock click.
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // Only reached when the window really closes (close-to-tray off, or no tray); macOS apps stay in the dock.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed) return;
    event.preventDefault();
    closing ??= closeCore();
  });

  const start = async (): Promise<void> => {
    await app.whenReady();
    secureApp(rendererDir);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate({ isMac: process.platform === 'darwin', isPackaged: app.isPackaged })),
    );
    opening = MessengerCore.open({ profileDir, defaultServerUrl: options.serverUrl, encryption: safeStorage });
    const core = await opening;
    if (!core || quitting) return;
    bridge = core;
    registerRequestHandlers(ipcMain, core, () => window);
    forwardEvents(core, () => window);
    core.subscribe((event, payload) => {
      if (event === 'settings') closeToTray = (payload as Settings).closeToTray;
    });
    const snapshot = await core.request('snapshot', undefined);
    const initial: Pick<Snapshot, 'unreadTotal' | 'settings'> = snapshot.ok
      ? (snapshot.value as Snapshot)
      : { unreadTotal: 0, settings: defaultSettings };
    closeToTray = initial.settings.closeToTray;
    if (quitting) return;
    try {
      desktop = startDesktop(
        core,
        electronDesktopPieces(() => window),
        { showWindow, quit: () => app.quit() },
        initial,
      );
    } catch (error) {
      // No tray (e.g. a Linux desktop without one): the app still works, closing really closes.
      log(`no tray or notifications: ${error instanceof Error ? error.message : String(error)}`);
    }
    openWindow(core);
  };

  start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`could not start: ${message}`);
    dialog.showErrorBox('Messenger cannot start', message);
    closed = true;
    app.exit(1);
  });
}

const options = readOptions();
if (options) run(options);
