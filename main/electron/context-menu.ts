// Electron main runtime, type-only electron import: the right-click menu of the window, with
// spell-check suggestions for a misspelled word, in the chosen language; and the spell
// checker's languages. Takes the web contents as an argument for testing.
import type { MenuItemConstructorOptions } from 'electron';
import { stringsFor, type Language } from '../core/notify/desktop-strings.js';

/** The parts of Electron's ContextMenuParams the menu reads. */
export interface ContextMenuParams {
  misspelledWord: string;
  dictionarySuggestions: string[];
  isEditable: boolean;
  selectionText: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export interface SpellCheckActions {
  /** webContents.replaceMisspelling. */
  replaceMisspelling(word: string): void;
  /** session.addWordToSpellCheckerDictionary. */
  addToDictionary(word: string): void;
}

/** What the menu shows for this click; empty when there is nothing to offer (no menu then). */
export function contextMenuTemplate(
  params: ContextMenuParams,
  language: Language,
  actions: SpellCheckActions,
): MenuItemConstructorOptions[] {
  const words = stringsFor(language);
  const items: MenuItemConstructorOptions[] = [];
  const { misspelledWord: misspelled, editFlags } = params;
  if (params.isEditable && misspelled) {
    const suggestions = params.dictionarySuggestions.map((suggestion): MenuItemConstructorOptions => ({
      label: suggestion,
      click: () => actions.replaceMisspelling(suggestion),
    }));
    items.push(
      ...(suggestions.length > 0 ? suggestions : [{ label: words.noSuggestions, enabled: false }]),
      { type: 'separator' },
      { label: words.addToDictionary, click: () => actions.addToDictionary(misspelled) },
      { type: 'separator' },
    );
  }
  if (params.isEditable) {
    items.push(
      { role: 'cut', label: words.cut, enabled: editFlags.canCut },
      { role: 'copy', label: words.copy, enabled: editFlags.canCopy },
      { role: 'paste', label: words.paste, enabled: editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', label: words.selectAll, enabled: editFlags.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy', label: words.copy, enabled: editFlags.canCopy });
  }
  return items;
}

/** The parts of a WebContents the menu uses. */
export interface ContextMenuContents {
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuParams) => void): unknown;
  replaceMisspelling(word: string): void;
  session: { addWordToSpellCheckerDictionary(word: string): boolean };
}

/** Shows the menu on every right-click that has something to offer; `popup` builds and shows it. */
export function attachContextMenu(
  contents: ContextMenuContents,
  language: () => Language,
  popup: (template: MenuItemConstructorOptions[]) => void,
): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, language(), {
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => void contents.session.addWordToSpellCheckerDictionary(word),
    });
    if (template.length > 0) popup(template);
  });
}

/** Chromium's dictionaries we would pick for each language, best first. */
const wanted: Record<Language, string[]> = {
  en: ['en-US', 'en-GB'],
  // Chromium has no Chinese dictionary; Chinese users still type English words, so English follows.
  zh: ['zh-CN', 'zh-TW', 'en-US', 'en-GB'],
};

/** The spell checker's languages for the UI language, from those this Chromium has; [] to leave it as it is. */
export function spellCheckLanguages(language: Language, available: readonly string[]): string[] {
  const first = wanted[language].find((code) => available.includes(code));
  return first ? [first] : [];
}
