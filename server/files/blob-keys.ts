// Server: the one rule every blob store applies to keys, so a key can never name a path or an
// object outside the store's own (no dots, no slashes, nothing to escape).

const keyShape = /^[A-Za-z0-9_-]{1,128}$/;

export class BadBlobKey extends Error {
  constructor(key: string) {
    super(`bad blob key ${JSON.stringify(key.slice(0, 140))}: 1–128 of [A-Za-z0-9_-]`);
  }
}

export function checkBlobKey(key: string): string {
  if (typeof key !== 'string' || !keyShape.test(key)) throw new BadBlobKey(String(key));
  return key;
}

/** A range must be whole, non-negative offsets with start ≤ end. */
export function checkRange(range: { start: number; end: number }): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`bad byte range ${start}-${end}`);
  }
}
