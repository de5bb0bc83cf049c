// Electron main runtime, type-only electron import: the application menu. Quit is here as
// well as in the tray: a Linux desktop without a tray area still needs a way out.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuContext {
  isMac: boolean;
  /** Packaged builds get no developer tools: a pasted snippet there could drive the API. */
  isPackaged: boolean;
}

export function appMenuTemplate({ isMac, isPackaged }: MenuContext): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!isPackaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    isMac ? { role: 'appMenu' } : { label: 'File', submenu: [{ role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
