// Browser runtime. What every pop-up menu does around its items: it opens at the pointer (or
// under its button) kept inside the window, focuses its first item, and a press anywhere
// outside it dismisses it.
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

export interface PopupMenu {
  ref: RefObject<HTMLDivElement | null>;
  /** The menu's items, in order. */
  items: () => HTMLButtonElement[];
}

/**
 * `at` places the menu (a new object places it again); `dismiss`, a function that stays the
 * same from render to render (e.g. declared at module level), runs on a press outside it.
 */
export function usePopupMenu(at: { x: number; y: number }, dismiss: () => void): PopupMenu {
  const ref = useRef<HTMLDivElement>(null);
  const items = () => [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Keep the whole menu inside the window (set through CSSOM: allowed by the CSP).
    const x = Math.max(4, Math.min(at.x, window.innerWidth - element.offsetWidth - 4));
    const y = Math.max(4, Math.min(at.y, window.innerHeight - element.offsetHeight - 4));
    element.style.left = `${x}px`;
    element.style.top = `${y}px`;
    items()[0]?.focus();
  }, [at]);

  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) dismiss();
    };
    document.addEventListener('pointerdown', closeOutside, true);
    return () => document.removeEventListener('pointerdown', closeOutside, true);
  }, [dismiss]);

  return { ref, items };
}
