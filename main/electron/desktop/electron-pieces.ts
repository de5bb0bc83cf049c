// Electron main runtime: the real Electron objects behind the desktop services. The only file
// in desktop/ that imports Electron's values; tests pass fakes for everything built here.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, Menu, nativeImage, Notification, Tray, type BrowserWindow, type NativeImage } from 'electron';
import type { Logger } from '../../core/log/logger.js';
import type { LaunchOptions } from '../launch-options.js';
import { autostartCommand, autostartFile, type AutostartEntry } from './autostart-entry.js';
import type { DesktopPieces } from './desktop.js';
import { representations } from './image-files.js';
import { trayAssetPaths } from './tray-assets.js';
import { windowsAppUserModelId } from './notifier.js';
import { trayImages, unreadOverlayImage, type TrayImageSpec } from './tray-icons.js';

function assetPath(file: string): string {
  const found = trayAssetPaths[file];
  if (!found) throw new Error(`no tray asset named ${file}`);
  return found;
}

function loadImage(spec: TrayImageSpec): NativeImage {
  const [only] = spec.files;
  if (process.platform === 'win32' && spec.files.length === 1 && only?.file.endsWith('.ico')) {
    // From an ICO path Windows takes the size that fits the display's scale exactly.
    const icon = nativeImage.createFromPath(assetPath(only.file));
    if (!icon.isEmpty()) return icon;
  }
  const image = nativeImage.createEmpty();
  for (const representation of representations(spec, (file) => readFileSync(assetPath(file))))
    image.addRepresentation(representation);
  if (spec.template) image.setTemplateImage(true);
  return image;
}

/** Linux's "start at login": an entry that starts this app again with this profile's options. */
function autostartEntry(options: LaunchOptions): AutostartEntry {
  return {
    file: autostartFile(process.env, os.homedir(), options.profile),
    command: autostartCommand({
      isPackaged: app.isPackaged,
      execPath: process.execPath,
      appImage: process.env.APPIMAGE,
      script: process.argv[1],
      profile: options.profile,
      serverUrl: options.serverUrl,
      dataDir: options.dataDir ? path.resolve(options.dataDir) : null,
    }),
    name: options.profile === 'default' ? 'Messenger' : `Messenger (${options.profile})`,
    icon: 'messenger',
  };
}

export function electronDesktopPieces(
  getWindow: () => BrowserWindow | null,
  options: LaunchOptions,
  logger: Logger,
): DesktopPieces<NativeImage, Menu> {
  if (process.platform === 'win32') app.setAppUserModelId(windowsAppUserModelId);
  return {
    platform: process.platform,
    tray: {
      createTray: (image) => new Tray(image),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      loadIcon: (icon) => loadImage(trayImages[icon]),
    },
    badge: {
      setBadgeCount: (count) => app.setBadgeCount(count),
      loadOverlay: () => loadImage(unreadOverlayImage),
      getWindow,
    },
    notifier: {
      isSupported: () => Notification.isSupported(),
      createNotification: (options) => new Notification(options),
      bounceDock: () => void app.dock?.bounce('informational'),
      getWindow,
    },
    loginItem: {
      isPackaged: app.isPackaged,
      setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
      autostart: process.platform === 'linux' ? autostartEntry(options) : undefined,
      failed: (error) => logger.caught('writing the autostart entry', error),
    },
  };
}
