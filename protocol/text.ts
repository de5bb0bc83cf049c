// How the protocol measures text: in Unicode code points, so an emoji written as a surrogate
// pair counts as one. The server's limits, the composer's counter and notification previews
// all count this way.

export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
