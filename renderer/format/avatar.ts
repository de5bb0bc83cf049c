// Browser runtime, but pure. Avatars are initials on a colour derived from the user's id,
// so everyone keeps the same colour on every screen and every device.

/** How many avatar colours styles/avatar.css defines (data-colour="0" … "9"). */
export const avatarColourCount = 10;

/** The same id always gets the same colour (a small integer hash, so neighbours differ). */
export function avatarColour(id: number): number {
  let hash = Math.trunc(id) | 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  hash ^= hash >>> 16;
  return (hash >>> 0) % avatarColourCount;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const letterOrNumber = /^[\p{L}\p{N}]/u;
const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** Whole user-perceived characters, so an emoji or an accented letter is never cut in half. */
function graphemesOf(text: string): string[] {
  return Array.from(graphemes.segment(text), ({ segment }) => segment);
}

function firstLetter(word: string): string | undefined {
  return graphemesOf(word).find((grapheme) => letterOrNumber.test(grapheme));
}

/**
 * One or two letters: "alice smith" → "AS", "bob" → "B", "张三" → "张", "@alice" → "A". Symbols
 * in front are skipped; a name of only emoji shows its first emoji whole; nothing usable: "?".
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words
    .map(firstLetter)
    .filter((letter) => letter !== undefined)
    .slice(0, 2)
    .join('');
  if (letters) return letters.toLocaleUpperCase();
  return graphemesOf(name).find((grapheme) => emoji.test(grapheme)) ?? '?';
}
