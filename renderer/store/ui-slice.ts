// Browser runtime, but pure. What the window shows: the section, the open chat, drafts,
// who is typing, and the menu, dialog and palette that may be open.

export type Section = 'chats' | 'contacts' | 'settings';

export interface OpenChat {
  who: number;
  /** The peer's name, known before their chat record may exist. */
  name: string;
}

export interface ChatMenu {
  who: number;
  name: string;
  /** Where it opens: the pointer, or the row when opened from the keyboard. */
  x: number;
  y: number;
  /** What Pin/Unpin and Mute/Unmute say (absent: Pin, Mute). */
  pinned?: boolean;
  muted?: boolean;
}

export interface UiState {
  section: Section;
  openChat: OpenChat | null;
  /** Unsent text per chat, by peer id. */
  drafts: Record<number, string>;
  /** When each peer last said they were typing, by peer id. */
  typing: Record<number, number>;
  paletteOpen: boolean;
  chatMenu: ChatMenu | null;
  /** The chat the delete dialog asks about. */
  confirmDelete: OpenChat | null;
  /** The sign-out dialog is open. */
  confirmSignOut: boolean;
  /** A request about the open chat failed: its error code. */
  chatError: string | null;
}

export const initialUi: UiState = {
  section: 'chats',
  openChat: null,
  drafts: {},
  typing: {},
  paletteOpen: false,
  chatMenu: null,
  confirmDelete: null,
  confirmSignOut: false,
  chatError: null,
};

/** How long "typing…" stays without another typing notice. */
export const typingShownMs = 3000;

export function withDraft(ui: UiState, who: number, text: string): UiState {
  const drafts = { ...ui.drafts };
  if (text === '') delete drafts[who];
  else drafts[who] = text;
  return { ...ui, drafts };
}

export function withTyping(ui: UiState, from: number, at: number): UiState {
  return { ...ui, typing: { ...ui.typing, [from]: at } };
}

/** Drops typing notices older than `typingShownMs` at `now`, and `from`'s when given. */
export function withoutTyping(ui: UiState, now: number, from?: number): UiState {
  const typing: Record<number, number> = {};
  let changed = false;
  for (const [id, at] of Object.entries(ui.typing)) {
    if (Number(id) === from || now - at >= typingShownMs) changed = true;
    else typing[Number(id)] = at;
  }
  return changed ? { ...ui, typing } : ui;
}
