// Electron main runtime: electron-updater's autoUpdater as the UpdaterPieces app-updater.ts
// drives, and the switch that turns updating on for a packaged app with a feed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';
import type { Logger } from '../../core/log/logger.js';
import type { MessengerCore } from '../../core/messenger-core.js';
import type { AppUpdater, FailureLog, UpdaterPieces } from './app-updater.js';
import type { UpdaterEvent } from './update-plan.js';

/**
 * electron-updater (and the feed reader with js-yaml and semver) is loaded only when updating
 * is on, after the core opened: importing it costs 250-450 ms under Node on the test machine,
 * which a start in development never needs and a packaged start should not spend before the
 * first paint.
 */
async function electronUpdaterPieces(logger: Logger): Promise<UpdaterPieces> {
  // CommonJS package: its autoUpdater is a getter that builds the platform's updater on first use.
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.logger = {
    info: (message: unknown) => logger.info(`updater: ${String(message)}`),
    warn: (message: unknown) => logger.warn(`updater: ${String(message)}`),
    error: (message: unknown) => logger.error(`updater: ${String(message)}`),
    debug: (message: string) => logger.debug(`updater: ${message}`),
  };
  return {
    configure({ url, channel }) {
      // The channel goes in the feed's options: autoUpdater.channel's setter would allow downgrades.
      autoUpdater.setFeedURL({ provider: 'generic', url, channel });
      autoUpdater.allowPrerelease = channel !== 'latest';
    },
    checkAndDownload: async () => {
      await autoUpdater.checkForUpdates();
    },
    quitAndInstall: () => autoUpdater.quitAndInstall(),
    onEvent(listener: (event: UpdaterEvent) => void) {
      autoUpdater.on('checking-for-update', () => listener({ type: 'checking-for-update' }));
      autoUpdater.on('update-not-available', () => listener({ type: 'update-not-available' }));
      autoUpdater.on('update-available', (info) => listener({ type: 'update-available', version: info.version }));
      autoUpdater.on('download-progress', (progress) =>
        listener({ type: 'download-progress', percent: progress.percent }),
      );
      autoUpdater.on('update-downloaded', (info) => listener({ type: 'update-downloaded', version: info.version }));
      autoUpdater.on('error', (error) => listener({ type: 'error', message: error.message }));
    },
  };
}

/** The last failure's time in a small file of the profile; unreadable counts as none. */
function fileFailureLog(file: string, logger: Logger): FailureLog {
  return {
    last() {
      try {
        const at: unknown = JSON.parse(readFileSync(file, 'utf8'));
        return typeof at === 'number' && Number.isFinite(at) ? at : null;
      } catch {
        // No file yet (nothing failed), or a damaged one: check as if nothing had failed.
        return null;
      }
    },
    record(at) {
      try {
        writeFileSync(file, JSON.stringify(at));
      } catch (error) {
        logger.caught('recording an update failure', error);
      }
    },
  };
}

export interface ElectronUpdates {
  /** A packaged app built with a feed (electron-builder's app-update.yml beside the app). */
  readonly enabled: boolean;
  start(core: MessengerCore): void;
  restart(): void;
}

export function electronUpdates(app: App, logger: Logger): ElectronUpdates {
  const enabled = app.isPackaged && existsSync(path.join(process.resourcesPath, 'app-update.yml'));
  let updater: AppUpdater | null = null;
  let starting = false;
  return {
    enabled,
    start(core) {
      // In development nothing is checked: there is no installer to replace.
      if (!enabled || starting) return;
      starting = true;
      void Promise.all([import('./app-updater.js'), electronUpdaterPieces(logger)])
        .then(([{ AppUpdater: Updater }, pieces]) => {
          updater = new Updater({
            pieces,
            currentVersion: app.getVersion(),
            platform: process.platform,
            serverUrl: async () => {
              const snapshot = await core.snapshot();
              return snapshot.account?.serverUrl ?? snapshot.defaultServerUrl;
            },
            report: (status) => core.setUpdateStatus(status),
            logger,
            failures: fileFailureLog(path.join(app.getPath('userData'), 'update-failure.json'), logger),
          });
          return updater.start();
        })
        .catch((error: unknown) => logger.caught('checking for updates', error));
    },
    restart() {
      updater?.restart();
    },
  };
}
