// Browser runtime. Moves keyboard focus to a chat's row (after closing it, or its menu), or
// to the first row when that chat is gone. The list is virtualized, so the row may not be
// in the page: the mounted list scrolls it into view, renders it and focuses it.

/**
 * Focuses the row of `who` (else the first row), or with null the list's Tab stop; false
 * when the list has no rows.
 */
export type RowFocuser = (who: number | null) => boolean;

let focuser: RowFocuser | null = null;

/** The chat list registers itself while mounted; returns the unregistering function. */
export function registerRowFocuser(focus: RowFocuser): () => void {
  focuser = focus;
  return () => {
    if (focuser === focus) focuser = null;
  };
}

export function focusChatRow(who: number): void {
  if (focuser?.(who)) return;
  document.querySelector<HTMLElement>('.sidebar-button[aria-current="page"]')?.focus();
}

/** Focuses the chat list's Tab stop, as Tab into the list would; false when there is none. */
export function focusCurrentChatRow(): boolean {
  return focuser?.(null) ?? false;
}
