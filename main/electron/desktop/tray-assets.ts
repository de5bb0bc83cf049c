// Electron main runtime, built by electron-vite: the tray images as files. Each `?asset`
// import is copied into out/main/chunks at build time and becomes its absolute path there,
// so the packaged app (which ships out/) finds them. Not imported by tests: Vitest cannot
// resolve `?asset`; tray-icons.ts holds the table they check.
/// <reference types="electron-vite/node" />
import tray16Png from '../../assets/tray/tray-16.png?asset';
import tray24Png from '../../assets/tray/tray-24.png?asset';
import tray32Png from '../../assets/tray/tray-32.png?asset';
import tray48Png from '../../assets/tray/tray-48.png?asset';
import trayUnread16Png from '../../assets/tray/tray-unread-16.png?asset';
import trayUnread24Png from '../../assets/tray/tray-unread-24.png?asset';
import trayUnread32Png from '../../assets/tray/tray-unread-32.png?asset';
import trayUnread48Png from '../../assets/tray/tray-unread-48.png?asset';
import trayIco from '../../assets/tray/tray.ico?asset';
import trayUnreadIco from '../../assets/tray/tray-unread.ico?asset';
import trayTemplatePng from '../../assets/tray/trayTemplate.png?asset';
import trayTemplate2xPng from '../../assets/tray/trayTemplate@2x.png?asset';
import trayUnreadTemplatePng from '../../assets/tray/trayUnreadTemplate.png?asset';
import trayUnreadTemplate2xPng from '../../assets/tray/trayUnreadTemplate@2x.png?asset';
import overlayUnread16Png from '../../assets/tray/overlay-unread-16.png?asset';
import overlayUnread32Png from '../../assets/tray/overlay-unread-32.png?asset';

/** Runtime path of each file in main/assets/tray, by its name there. */
export const trayAssetPaths: Readonly<Record<string, string>> = {
  'tray-16.png': tray16Png,
  'tray-24.png': tray24Png,
  'tray-32.png': tray32Png,
  'tray-48.png': tray48Png,
  'tray-unread-16.png': trayUnread16Png,
  'tray-unread-24.png': trayUnread24Png,
  'tray-unread-32.png': trayUnread32Png,
  'tray-unread-48.png': trayUnread48Png,
  'tray.ico': trayIco,
  'tray-unread.ico': trayUnreadIco,
  'trayTemplate.png': trayTemplatePng,
  'trayTemplate@2x.png': trayTemplate2xPng,
  'trayUnreadTemplate.png': trayUnreadTemplatePng,
  'trayUnreadTemplate@2x.png': trayUnreadTemplate2xPng,
  'overlay-unread-16.png': overlayUnread16Png,
  'overlay-unread-32.png': overlayUnread32Png,
};
