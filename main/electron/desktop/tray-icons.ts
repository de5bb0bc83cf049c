// Electron main runtime, but pure: which tray image each platform shows, and the files each
// image is made of. Windows takes an ICO; macOS a black template the menu bar tints; Linux
// gets every PNG size and the tray host picks the closest.

export type TrayIcon = 'ico' | 'ico-unread' | 'template' | 'template-unread' | 'png' | 'png-unread';

export interface ImageFile {
  /** A file in main/assets/tray. */
  file: string;
  /** 1 for the base size, 2 for a Retina / 200 % copy. */
  scaleFactor: number;
}

export interface TrayImageSpec {
  files: ImageFile[];
  /** macOS template image: black and alpha only; the menu bar tints it for light and dark. */
  template: boolean;
}

export function trayIconFor(platform: string, unread: boolean): TrayIcon {
  const base = platform === 'win32' ? 'ico' : platform === 'darwin' ? 'template' : 'png';
  return unread ? `${base}-unread` : base;
}

const pngSizes = [16, 24, 32, 48];

export const trayImages: Record<TrayIcon, TrayImageSpec> = {
  // Windows reads the ICO itself and picks the size for the display's scale.
  ico: { files: [{ file: 'tray.ico', scaleFactor: 1 }], template: false },
  'ico-unread': { files: [{ file: 'tray-unread.ico', scaleFactor: 1 }], template: false },
  template: {
    files: [
      { file: 'trayTemplate.png', scaleFactor: 1 },
      { file: 'trayTemplate@2x.png', scaleFactor: 2 },
    ],
    template: true,
  },
  'template-unread': {
    files: [
      { file: 'trayUnreadTemplate.png', scaleFactor: 1 },
      { file: 'trayUnreadTemplate@2x.png', scaleFactor: 2 },
    ],
    template: true,
  },
  png: { files: pngSizes.map((size) => ({ file: `tray-${size}.png`, scaleFactor: size / 16 })), template: false },
  'png-unread': {
    files: pngSizes.map((size) => ({ file: `tray-unread-${size}.png`, scaleFactor: size / 16 })),
    template: false,
  },
};

/** Windows' taskbar overlay for unread messages: 16 px, and 32 px for 200 % scale. */
export const unreadOverlayImage: TrayImageSpec = {
  files: [
    { file: 'overlay-unread-16.png', scaleFactor: 1 },
    { file: 'overlay-unread-32.png', scaleFactor: 2 },
  ],
  template: false,
};
