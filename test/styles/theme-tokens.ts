// Node runtime (vitest). Reads renderer/styles/theme.css's colour tokens: each
// `--name: light-dark(light, dark)` or `--name: colour`, in the palette and in its
// `prefers-contrast: more` overrides.

export type Scheme = 'light' | 'dark';
export type Palette = ReadonlyMap<string, Readonly<Record<Scheme, string>>>;

export interface Theme {
  normal: Palette;
  /** The palette with the `@media (prefers-contrast: more)` overrides applied. */
  more: Palette;
}

export function readTheme(css: string): Theme {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const moreAt = withoutComments.indexOf('@media (prefers-contrast: more)');
  if (moreAt < 0) throw new Error('theme.css has no prefers-contrast: more block');
  const normal = declarations(firstRootBlock(withoutComments.slice(0, moreAt)));
  const overrides = declarations(firstRootBlock(withoutComments.slice(moreAt)));
  for (const name of overrides.keys()) {
    if (!normal.has(name)) throw new Error(`prefers-contrast: more sets ${name}, which the palette lacks`);
  }
  return { normal, more: new Map([...normal, ...overrides]) };
}

function firstRootBlock(css: string): string {
  const match = /:root\s*\{([^}]*)\}/.exec(css);
  if (!match) throw new Error('no :root block');
  return match[1]!;
}

function declarations(block: string): Map<string, Record<Scheme, string>> {
  const tokens = new Map<string, Record<Scheme, string>>();
  for (const [, name, value] of block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    const pair = /^light-dark\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/.exec(value!.trim());
    tokens.set(name!, pair ? { light: pair[1]!, dark: pair[2]! } : { light: value!.trim(), dark: value!.trim() });
  }
  return tokens;
}
