// Browser runtime. Moves keyboard focus to a chat's row (after closing it, or its menu).
export function focusChatRow(who: number): void {
  const button = document.querySelector<HTMLButtonElement>(`[data-testid="chat-row"][data-who="${who}"] button`);
  if (button) button.focus();
  else document.querySelector<HTMLElement>('.chat-list button, .sidebar-button[aria-current="page"]')?.focus();
}
