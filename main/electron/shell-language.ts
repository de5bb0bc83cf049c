// Electron main runtime: puts the chosen language into what Electron draws itself, the app
// menu, the right-click menu and the spell checker's dictionary.
import { Menu, session, type BrowserWindow } from 'electron';
import type { Logger } from '../core/log/logger.js';
import type { Language } from '../core/notify/desktop-strings.js';
import { appMenuTemplate } from './app-menu.js';
import { attachContextMenu, spellCheckLanguages } from './context-menu.js';

export class ShellLanguage {
  private language: Language = 'en';

  constructor(private readonly shell: { platform: string; isPackaged: boolean; logger: Logger }) {}

  apply(language: Language): void {
    this.language = language;
    const { platform, isPackaged } = this.shell;
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate({ isMac: platform === 'darwin', isPackaged, language })),
    );
    // macOS checks spelling with the system's own languages and has no setter.
    if (platform === 'darwin') return;
    const chosen = spellCheckLanguages(language, session.defaultSession.availableSpellCheckerLanguages);
    if (chosen.length === 0) return;
    try {
      session.defaultSession.setSpellCheckerLanguages(chosen);
    } catch (error) {
      this.shell.logger.caught(`choosing the spell checker's language ${chosen.join(', ')}`, error);
    }
  }

  /** The window's right-click menu, with spell-check suggestions, in the language of the moment. */
  attach(window: BrowserWindow): void {
    attachContextMenu(
      window.webContents,
      () => this.language,
      (template) => Menu.buildFromTemplate(template).popup({ window }),
    );
  }
}
