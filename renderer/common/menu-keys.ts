// Browser runtime. The keys of a pop-up menu (WAI-ARIA menu pattern): the arrows, Home and End
// move between its items, wrapping round; Esc and Tab close it.

/** Handles `key` for a menu of `items`; false when it is not a menu key (the caller lets it be). */
export function menuKey(key: string, items: HTMLElement[], close: () => void): boolean {
  const index = items.indexOf(document.activeElement as HTMLElement);
  const move = (to: number) => items[(to + items.length) % items.length]?.focus();
  switch (key) {
    case 'ArrowDown':
      move(index + 1);
      return true;
    case 'ArrowUp':
      move(index - 1);
      return true;
    case 'Home':
      move(0);
      return true;
    case 'End':
      move(items.length - 1);
      return true;
    case 'Escape':
    case 'Tab':
      close();
      return true;
    default:
      return false;
  }
}
