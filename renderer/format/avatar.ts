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

function firstGrapheme(word: string): string {
  for (const { segment } of graphemes.segment(word)) return segment;
  return '';
}

/** One or two letters: "alice smith" → "AS", "bob" → "B", "张三" → "张". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.slice(0, 2).map(firstGrapheme).join('');
  return letters.toLocaleUpperCase() || '?';
}
