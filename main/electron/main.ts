// Electron main runtime, built to out/main/main.js. Reads the command line, puts the profile's
// folders in place and hands the app's lifecycle (messenger-app.ts) its Electron pieces.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, safeStorage, shell, type BrowserWindow } from 'electron';
import { openProfileLog } from '../core/log/profile-log.js';
import { MessengerCore } from '../core/messenger-core.js';
import { profilePaths } from '../core/profile.js';
import { helpText } from '../launcher/options.js';
import { electronDesktopFiles } from './desktop-files.js';
import { startDesktop } from './desktop/desktop.js';
import { electronDesktopPieces } from './desktop/electron-pieces.js';
import { forwardEvents, registerRequestHandlers } from './ipc.js';
import { parseLaunchOptions, type LaunchOptions } from './launch-options.js';
import { MessengerApp } from './messenger-app.js';
import { electronShellHooks } from './shell-hooks.js';
import { followLanguage } from './follow-language.js';
import { ShellLanguage } from './shell-language.js';
import { smokeTested } from './smoke-test.js';
import { electronUpdates } from './updates/electron-updater-pieces.js';
import { createMainWindow, openExternalLink, registerAppScheme, secureApp } from './window.js';

// out/main/main.js → out/: the preload and the renderer are built beside it.
const outDir = fileURLToPath(new URL('..', import.meta.url));
const preloadPath = path.join(outDir, 'preload', 'preload.cjs');
const rendererDir = path.join(outDir, 'renderer');
/** Long enough to flush the outbox and cache; short enough that Quit never seems to hang. */
const closeTimeoutMs = 10_000;
function readOptions(): LaunchOptions | null {
  try {
    return parseLaunchOptions(process.argv);
  } catch (error) {
    // No profile yet, so no log: the user reads why in the dialog.
    dialog.showErrorBox('Messenger cannot start', error instanceof Error ? error.message : 'Unreadable options.');
    app.exit(2);
    return null;
  }
}

function run(options: LaunchOptions): void {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : app.getPath('userData');
  if (options.help) {
    process.stdout.write(helpText(options.profile, dataDir));
    app.exit(0);
    return;
  }
  const profileDir = path.join(dataDir, 'profiles', options.profile);
  const { logger } = openProfileLog(profilePaths(profileDir).log);
  logger.info(`Messenger ${app.getVersion()} starting in Electron ${process.versions.electron}`);
  // Chromium's files per profile too; the single-instance lock follows userData, so it is
  // per profile and two profiles can run side by side.
  app.setPath('userData', path.join(profileDir, 'electron'));
  registerAppScheme();
  // The scheme's handler is set up before the core opens: /files/ answers 404 until it has.
  let opened: MessengerCore | null = null;
  const updates = electronUpdates(app, logger);
  const language = new ShellLanguage({ platform: process.platform, isPackaged: app.isPackaged, logger });
  const shellHooks = electronShellHooks({
    platform: process.platform,
    isPackaged: app.isPackaged,
    openOutside: openExternalLink,
  });
  shellHooks.features.updates = updates.enabled;

  const messenger: MessengerApp<BrowserWindow> = new MessengerApp({
    app,
    platform: process.platform,
    secure: () => {
      secureApp(rendererDir, logger, async (urlPath) => (opened ? opened.servedFile(urlPath) : null));
      // English until the core says what the user chose.
      language.apply('en');
    },
    openCore: async () => {
      opened = await MessengerCore.open({
        profileDir,
        defaultServerUrl: options.serverUrl,
        encryption: safeStorage,
        logger,
        appVersion: app.getVersion(),
        desktop: electronDesktopFiles(shell, dialog, app, () => messenger.currentWindow),
        shell: { ...shellHooks, restartToUpdate: () => updates.restart() },
      });
      updates.start(opened);
      return opened;
    },
    createWindow: (core, shouldHideOnClose) => {
      const window = createMainWindow({ preloadPath, bridge: core, shouldHideOnClose, logger });
      language.attach(window);
      return smokeTested(process.argv, window, {
        exit: (code) => app.exit(code),
        report: (line) => {
          logger.info(line);
          process.stdout.write(`${line}\n`);
        },
        setTimeout: (run, ms) => void setTimeout(run, ms),
      });
    },
    connectIpc: (core, getWindow) => {
      registerRequestHandlers(ipcMain, core, getWindow, logger);
      forwardEvents(core, getWindow);
      followLanguage(core, (chosen) => language.apply(chosen));
    },
    startDesktop: (core, actions, initial) => {
      const desktop = startDesktop(
        core,
        electronDesktopPieces(() => messenger.currentWindow, options, logger),
        actions,
        initial,
      );
      shellHooks.features.tray = true;
      return desktop;
    },
    showError: (title, message) => dialog.showErrorBox(title, message),
    logger,
    closeTimeoutMs,
  });
  void messenger.start();
}

const options = readOptions();
if (options) run(options);
