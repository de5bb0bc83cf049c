// How the protocol measures text: in Unicode code points, so an emoji written as a surrogate
// pair counts as one. The server's limits, the composer's counter and notification previews
// all count this way.

export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Characters that show nothing by themselves: whitespace (including line and paragraph
 * separators), controls, format characters, Unicode's default-ignorable code points (zero-width
 * spaces and joiners, the Hangul fillers, variation selectors…) and the blank Braille pattern.
 */
const invisible = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Z}\u2800]*$/u;

/** True when nothing in `text` would show: empty, or only invisible characters. */
export function isInvisible(text: string): boolean {
  return invisible.test(text);
}
