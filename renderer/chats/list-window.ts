// Browser runtime, but pure. What the virtualized chat list renders and where the keys move.

/**
 * The row a key moves focus to from `index`, or null for a key the list leaves alone.
 * `page` is how many rows PageUp/PageDown move (the rows in view).
 */
export function rowAfterKey(key: string, index: number, count: number, page = 1): number | null {
  if (count === 0) return null;
  const step = Math.max(1, page);
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'PageDown':
      return Math.min(index + step, count - 1);
    case 'PageUp':
      return Math.max(index - step, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * The list's one Tab stop (roving tabindex): the row last focused while it is still in the
 * list, else the open chat's, else the first; -1 for an empty list.
 */
export function tabStopIndex(
  rows: ReadonlyArray<{ who: number }>,
  focused: number | null,
  open: number | null,
): number {
  for (const who of [focused, open]) {
    const index = who === null ? -1 : rows.findIndex((row) => row.who === who);
    if (index !== -1) return index;
  }
  return rows.length > 0 ? 0 : -1;
}

/**
 * The rows in view plus one kept row (the Tab stop), in list order: the Tab stop stays in
 * the page when scrolled away, so Tab still reaches the list and focus is never dropped.
 */
export function withKeptRow(indexes: readonly number[], kept: number): number[] {
  if (kept < 0 || indexes.includes(kept)) return [...indexes];
  return [...indexes, kept].sort((a, b) => a - b);
}
