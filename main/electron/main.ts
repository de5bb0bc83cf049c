// Electron main runtime, built to out/main/main.js. Reads the command line, puts the profile's
// folders in place and hands the app's lifecycle (messenger-app.ts) its Electron pieces.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Menu, safeStorage, type BrowserWindow } from 'electron';
import { MessengerCore } from '../core/messenger-core.js';
import { appMenuTemplate } from './app-menu.js';
import { startDesktop } from './desktop/desktop.js';
import { electronDesktopPieces } from './desktop/electron-pieces.js';
import { forwardEvents, registerRequestHandlers } from './ipc.js';
import { parseLaunchOptions, type LaunchOptions } from './launch-options.js';
import { MessengerApp } from './messenger-app.js';
import { createMainWindow, registerAppScheme, secureApp } from './window.js';

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

function run(options: LaunchOptions): void {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : app.getPath('userData');
  const profileDir = path.join(dataDir, 'profiles', options.profile);
  // Chromium's files per profile too; the single-instance lock follows userData, so it is
  // per profile and two profiles can run side by side.
  app.setPath('userData', path.join(profileDir, 'electron'));
  registerAppScheme();

  const messenger: MessengerApp<BrowserWindow> = new MessengerApp({
    app,
    platform: process.platform,
    secure: () => {
      secureApp(rendererDir);
      const isMac = process.platform === 'darwin';
      Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ isMac, isPackaged: app.isPackaged })));
    },
    openCore: () => MessengerCore.open({ profileDir, defaultServerUrl: options.serverUrl, encryption: safeStorage }),
    createWindow: (core, shouldHideOnClose) => createMainWindow({ preloadPath, bridge: core, shouldHideOnClose }),
    connectIpc: (core, getWindow) => {
      registerRequestHandlers(ipcMain, core, getWindow);
      forwardEvents(core, getWindow);
    },
    startDesktop: (core, actions, initial) =>
      startDesktop(
        core,
        electronDesktopPieces(() => messenger.currentWindow),
        actions,
        initial,
      ),
    showError: (title, message) => dialog.showErrorBox(title, message),
    log,
    closeTimeoutMs,
  });
  void messenger.start();
}

const options = readOptions();
if (options) run(options);
