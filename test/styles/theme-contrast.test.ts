// Node runtime (vitest). Every colour the UI puts on a background meets WCAG 2.2 AA in both
// themes, and still does with the OS's "increase contrast": 4.5:1 for text, 3:1 for the parts of
// controls and the icons that carry meaning (input edges, the focus ring, the presence dot).
import fs from 'node:fs';
import Color from 'color';
import { describe, expect, it } from 'vitest';
import { readTheme, type Palette, type Scheme } from './theme-tokens.js';

const text = 4.5;
const part = 3;

interface Pair {
  colour: string;
  on: string[];
  min: number;
  /** Where the stylesheets put this colour on these backgrounds. */
  where: string;
}

const surfaces = ['--chat-bg', '--list-bg', '--panel-bg', '--list-hover', '--input-bg'];

const pairs: Pair[] = [
  {
    colour: '--text',
    on: [...surfaces, '--list-selected'],
    min: text,
    where: 'body text, names in rows (also the selected one), inputs, dialogs, menus',
  },
  {
    colour: '--text-muted',
    on: [...surfaces, '--list-selected'],
    min: text,
    where:
      'chat-list.css .chat-row-preview and the selected row’s .chat-row-time; base.css .field > span, .field-hint, ' +
      '::placeholder (on --input-bg); ' +
      'chat-polish.css .empty-text; chat.css .chat-status, .composer-counter; overlays.css .dialog p; ' +
      'message-actions.css .message-quote, .compose-bar (on --list-hover); sign-in.css .sign-in-intro',
  },
  {
    colour: '--text-faint',
    on: surfaces,
    min: text,
    where:
      'chat-list.css .chat-row-time (also in a pinned row, on --list-hover); message-actions.css .message-meta, ' +
      '.search-hit-date, .message-recalled; chat.css .composer-hint, .chat-start, .chat-empty, .message-state; ' +
      'overlays.css .palette-hint; never on --list-selected',
  },
  {
    colour: '--separator-text',
    on: ['--separator-bg'],
    min: text,
    where: 'the "Today" separator (chat.css .day-separator span) and desktop.css .time-label time',
  },
  {
    colour: '--accent-text',
    on: ['--accent', '--accent-hover'],
    min: text,
    where: 'base.css .primary (Sign in, Send) and its hover; sign-in.css .sign-in-logo',
  },
  {
    colour: '--on-danger',
    on: ['--danger', '--badge', '--badge-muted'],
    min: text,
    where:
      'base.css .danger-button (Delete); chat-list.css .unread-badge, .sidebar-badge; ' +
      'message-actions.css .unread-badge-muted; chat-polish.css .chat-row-failed',
  },
  {
    colour: '--accent-ink',
    on: surfaces,
    min: text,
    where:
      'chat.css .chat-status "online" and "typing…", .new-messages (on --panel-bg); message-actions.css ' +
      '.message-ticks-read, .search-snippet mark (also on a hovered hit); chat-list.css the current session; ' +
      'files.css .drop-overlay; base.css .check input and files.css progress (accent-color)',
  },
  {
    colour: '--danger-text',
    on: [...surfaces, '--list-selected', '--banner-bg'],
    min: text,
    where:
      'base.css .form-error; chat.css .chat-error (on --banner-bg), .message-failed, .composer-blocked; ' +
      'overlays.css .menu .danger (on --list-hover when focused); message-actions.css .chat-row-draft ' +
      '(also in the selected row); files.css .staged-failure; desktop.css .field-message[data-error]',
  },
  {
    colour: '--banner-text',
    on: ['--banner-bg'],
    min: text,
    where: 'layout.css .connection-banner, .outbox-recovery; desktop.css .update-bar',
  },
  {
    colour: '--link',
    on: [...surfaces, '--banner-bg', '--bubble-peer'],
    min: text,
    where:
      'base.css .link-button (banners, settings, recalled lines); chat-polish.css .message-link in a peer’s bubble',
  },
  {
    colour: '--link-on-own-bubble',
    on: ['--bubble-own'],
    min: text,
    where: 'chat-polish.css .message-own .message-link',
  },
  { colour: '--bubble-own-text', on: ['--bubble-own'], min: text, where: 'chat.css .message-own .bubble' },
  {
    colour: '--bubble-peer-text',
    on: ['--bubble-peer'],
    min: text,
    where: 'chat.css .bubble; files.css .file-bubble',
  },
  ...['--file-pdf', '--file-archive', '--file-text', '--file-media'].map((colour) => ({
    colour,
    on: ['--bubble-peer', '--panel-bg'],
    min: text,
    where: 'files.css .file-type-icon and its extension text, in a file bubble or the staged strip',
  })),
  {
    colour: '--input-border',
    on: ['--input-bg', '--panel-bg', '--list-bg'],
    min: part,
    where: 'base.css .field input, .secondary; chat-list.css .search-input; chat-polish.css .emoji-search',
  },
  {
    colour: '--focus',
    on: [...surfaces, '--list-selected', '--sidebar-bg', '--bubble-peer'],
    min: part,
    where: 'base.css :focus-visible everywhere (rows, the message box, the sidebar), overlays.css menu items',
  },
  {
    colour: '--online',
    on: ['--list-bg', '--list-hover'],
    min: part,
    where: 'chat-list.css .presence-dot[data-online=true] (a filled dot)',
  },
  {
    colour: '--offline',
    on: ['--list-bg', '--list-hover'],
    min: part,
    where: 'chat-list.css .presence-dot (a ring)',
  },
  {
    colour: '--sidebar-icon',
    on: ['--sidebar-bg'],
    min: part,
    where: 'layout.css .sidebar-button',
  },
  {
    colour: '--sidebar-icon-active',
    on: ['--sidebar-bg'],
    min: part,
    where: 'layout.css .sidebar-button[aria-current=page]',
  },
];

const stylesDir = new URL('../../renderer/styles/', import.meta.url);
const theme = readTheme(fs.readFileSync(new URL('theme.css', stylesDir), 'utf8'));
const schemes: Scheme[] = ['light', 'dark'];

function ratio(palette: Palette, scheme: Scheme, colour: string, on: string): number {
  const value = (name: string) => {
    const token = palette.get(name);
    if (!token) throw new Error(`theme.css has no ${name}`);
    return Color(token[scheme]);
  };
  return value(colour).contrast(value(on));
}

describe('theme.css contrast', () => {
  for (const [paletteName, palette] of [
    ['the palette', theme.normal],
    ['prefers-contrast: more', theme.more],
  ] as const) {
    for (const scheme of schemes) {
      it(`${paletteName}, ${scheme}: every pair meets its minimum`, () => {
        const failures = pairs.flatMap(({ colour, on, min, where }) =>
          on
            .map((background) => ({ background, measured: ratio(palette, scheme, colour, background) }))
            .filter(({ measured }) => measured < min)
            .map(
              ({ background, measured }) => `${colour} on ${background}: ${measured.toFixed(2)} < ${min} (${where})`,
            ),
        );
        expect(failures).toEqual([]);
      });
    }
  }

  it('prefers-contrast: more never lowers a pair’s contrast', () => {
    const lowered = schemes.flatMap((scheme) =>
      pairs.flatMap(({ colour, on }) =>
        on
          .filter(
            (background) =>
              ratio(theme.more, scheme, colour, background) < ratio(theme.normal, scheme, colour, background) - 0.005,
          )
          .map((background) => `${scheme}: ${colour} on ${background}`),
      ),
    );
    expect(lowered).toEqual([]);
  });

  it('every colour the stylesheets give text or a ring is listed above', () => {
    const sheets = fs
      .readdirSync(stylesDir)
      .filter((name) => name.endsWith('.css'))
      .map((name) => fs.readFileSync(new URL(name, stylesDir), 'utf8'));
    const listed = new Set(pairs.map(({ colour }) => colour));
    const used = new Set<string>();
    for (const css of sheets) {
      for (const [, name] of css.matchAll(/(?:^|[\s;{])(?:color|outline|accent-color):[^;]*var\((--[\w-]+)\)/g)) {
        used.add(name!);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((name) => !listed.has(name))).toEqual([]);
  });

  it('white initials meet 4.5:1 on every avatar colour', () => {
    const css = fs.readFileSync(new URL('avatar.css', stylesDir), 'utf8');
    const colours = [...css.matchAll(/background:\s*(#[0-9a-f]{6})/gi)].map(([, hex]) => hex!);
    expect(colours.length).toBeGreaterThan(5);
    const under = colours.filter((hex) => Color('#ffffff').contrast(Color(hex)) < text);
    expect(under).toEqual([]);
  });
});
