// Browser runtime, but pure. What the virtualized chat list renders and where the keys move.

/** The row a key moves focus to from `index`, or null for a key the list leaves alone. */
export function rowAfterKey(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * The rows in view plus one kept row (the focused one), in list order: a focused row that
 * is scrolled away stays in the page, so focus is never dropped onto the body.
 */
export function withKeptRow(indexes: readonly number[], kept: number): number[] {
  if (kept < 0 || indexes.includes(kept)) return [...indexes];
  return [...indexes, kept].sort((a, b) => a - b);
}
