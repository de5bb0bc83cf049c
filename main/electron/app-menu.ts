// Electron main runtime, type-only electron import: the application menu, in the chosen
// language. Quit is here as well as in the tray: a Linux desktop without a tray area still
// needs a way out.
import type { MenuItemConstructorOptions } from 'electron';
import { stringsFor, type Language } from '../core/notify/desktop-strings.js';

export interface MenuContext {
  isMac: boolean;
  /** Packaged builds get no developer tools: a pasted snippet there could drive the API. */
  isPackaged: boolean;
  /** Settings.language; English by default. */
  language?: Language;
}

export function appMenuTemplate({ isMac, isPackaged, language = 'en' }: MenuContext): MenuItemConstructorOptions[] {
  const words = stringsFor(language);
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: words.resetZoom },
    { role: 'zoomIn', label: words.zoomIn },
    { role: 'zoomOut', label: words.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: words.fullScreen },
  ];
  if (!isPackaged)
    view.push(
      { type: 'separator' },
      { role: 'reload', label: words.reload },
      { role: 'toggleDevTools', label: words.devTools },
    );
  const edit: MenuItemConstructorOptions[] = [
    { role: 'undo', label: words.undo },
    { role: 'redo', label: words.redo },
    { type: 'separator' },
    { role: 'cut', label: words.cut },
    { role: 'copy', label: words.copy },
    { role: 'paste', label: words.paste },
    { role: 'selectAll', label: words.selectAll },
  ];
  const window: MenuItemConstructorOptions[] = [
    { role: 'minimize', label: words.minimize },
    { role: 'close', label: words.close },
  ];
  return [
    // macOS names the app menu's items itself, in the system's language.
    isMac ? { role: 'appMenu' } : { label: words.file, submenu: [{ role: 'quit', label: words.quit }] },
    { label: words.edit, submenu: edit },
    { label: words.view, submenu: view },
    { label: words.window, submenu: window },
  ];
}
