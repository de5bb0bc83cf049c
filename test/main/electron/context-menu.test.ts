// The window's right-click menu: spell-check suggestions that replace the word, "Add to
// dictionary", the edit commands for a text field and Copy for a selection, in both
// languages; and the spell checker's languages. Driven through a fake web contents.
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import {
  attachContextMenu,
  contextMenuTemplate,
  spellCheckLanguages,
  type ContextMenuParams,
} from '../../../main/electron/context-menu.js';
import { followLanguage } from '../../../main/electron/follow-language.js';
import type { Language } from '../../../main/core/notify/desktop-strings.js';
import { eventually, TestCore } from '../../support/cores.js';

const allowed = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };

function params(changes: Partial<ContextMenuParams> = {}): ContextMenuParams {
  return {
    misspelledWord: '',
    dictionarySuggestions: [],
    isEditable: false,
    selectionText: '',
    editFlags: allowed,
    ...changes,
  };
}

const lines = (template: MenuItemConstructorOptions[]) =>
  template.map((item) =>
    item.type === 'separator' ? '---' : `${item.label}${item.enabled === false ? ' (off)' : ''}`,
  );

class FakeContents {
  readonly replaced: string[] = [];
  readonly added: string[] = [];
  readonly menus: MenuItemConstructorOptions[][] = [];
  private readonly events = new EventEmitter();
  readonly session = { addWordToSpellCheckerDictionary: (word: string) => this.added.push(word) > 0 };
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuParams) => void): this {
    this.events.on(event, listener);
    return this;
  }
  replaceMisspelling(word: string): void {
    this.replaced.push(word);
  }
  rightClick(at: ContextMenuParams): void {
    this.events.emit('context-menu', {}, at);
  }
  choose(label: string): void {
    const item = this.menus.at(-1)?.find((entry) => entry.label === label);
    if (!item) throw new Error(`no "${label}" in ${JSON.stringify(lines(this.menus.at(-1) ?? []))}`);
    item.click?.({} as never, undefined, {});
  }
}

function contentsIn(language: () => Language = () => 'en') {
  const contents = new FakeContents();
  attachContextMenu(contents, language, (template) => contents.menus.push(template));
  return contents;
}

describe('the right-click menu', () => {
  it('on a misspelled word offers the suggestions, each replacing the word, and Add to dictionary', () => {
    const contents = contentsIn();
    contents.rightClick(
      params({ isEditable: true, misspelledWord: 'helo', dictionarySuggestions: ['hello', 'help', 'hero'] }),
    );
    expect(lines(contents.menus[0]!)).toEqual([
      'hello',
      'help',
      'hero',
      '---',
      'Add to dictionary',
      '---',
      'Cut',
      'Copy',
      'Paste',
      '---',
      'Select all',
    ]);
    contents.choose('help');
    expect(contents.replaced).toEqual(['help']);
    contents.choose('Add to dictionary');
    expect(contents.added).toEqual(['helo']);
  });

  it('says so when the dictionary has no suggestion', () => {
    const contents = contentsIn();
    contents.rightClick(params({ isEditable: true, misspelledWord: 'qzxv' }));
    expect(lines(contents.menus[0]!).slice(0, 3)).toEqual(['No suggestions (off)', '---', 'Add to dictionary']);
  });

  it('in a text field without a misspelling: the edit commands, off where they cannot act', () => {
    const contents = contentsIn();
    contents.rightClick(params({ isEditable: true, editFlags: { ...allowed, canCut: false, canCopy: false } }));
    expect(lines(contents.menus[0]!)).toEqual(['Cut (off)', 'Copy (off)', 'Paste', '---', 'Select all']);
    expect(contents.menus[0]!.map((item) => item.role ?? null)).toEqual(['cut', 'copy', 'paste', null, 'selectAll']);
  });

  it('on selected text of a message: Copy only; on nothing at all: no menu', () => {
    const contents = contentsIn();
    contents.rightClick(params({ selectionText: 'see you at 8' }));
    expect(lines(contents.menus[0]!)).toEqual(['Copy']);
    contents.rightClick(params({ selectionText: '   ' }));
    contents.rightClick(params());
    expect(contents.menus).toHaveLength(1);
  });

  it('follows the language of the moment', () => {
    let language: Language = 'zh';
    const contents = contentsIn(() => language);
    contents.rightClick(params({ isEditable: true, misspelledWord: 'helo', dictionarySuggestions: ['hello'] }));
    expect(lines(contents.menus[0]!)).toEqual([
      'hello',
      '---',
      '添加到词典',
      '---',
      '剪切',
      '复制',
      '粘贴',
      '---',
      '全选',
    ]);
    language = 'en';
    contents.rightClick(params({ selectionText: 'x' }));
    expect(lines(contents.menus[1]!)).toEqual(['Copy']);
  });

  it('never offers spelling help outside a text field', () => {
    expect(
      lines(
        contextMenuTemplate(params({ misspelledWord: 'helo', selectionText: 'helo' }), 'en', {
          replaceMisspelling: () => {},
          addToDictionary: () => {},
        }),
      ),
    ).toEqual(['Copy']);
  });
});

describe('spellCheckLanguages', () => {
  it.each([
    ['en', ['de', 'en-GB', 'en-US'], ['en-US']],
    ['en', ['en-GB', 'fr'], ['en-GB']],
    ['zh', ['en-US', 'fr'], ['en-US']],
    ['zh', ['zh-CN', 'en-US'], ['zh-CN']],
    ['en', ['fr'], []],
  ] as const)('%s with %j available: %j', (language, available, expected) => {
    expect(spellCheckLanguages(language, available)).toEqual(expected);
  });
});

describe('followLanguage on a real core', () => {
  const cores: TestCore[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
  });

  it('applies the saved language at start, then each change once', async () => {
    const first = await TestCore.open();
    await first.call('updateSettings', { language: 'zh' });
    await first.close();
    const core = await TestCore.open(first.profileDir);
    cores.push(core);
    const applied: Language[] = [];
    const stop = followLanguage(core.bridge, (language) => applied.push(language));
    await eventually(() => applied.length === 1, 'the saved language');
    expect(applied).toEqual(['zh']);
    await core.call('updateSettings', { theme: 'dark' });
    await core.call('updateSettings', { language: 'en' });
    expect(applied).toEqual(['zh', 'en']);
    stop();
    await core.call('updateSettings', { language: 'zh' });
    expect(applied).toEqual(['zh', 'en']);
  });
});
