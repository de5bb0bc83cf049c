// Browser runtime, but pure. Acting on messages (issue 15): the open message menu, what the
// composer is doing (replying to or editing a message), the text of messages the user recalled
// (for "Re-edit"), the message to highlight after a jump, the forward dialog and the search.
import type { ChatMessage } from '../../main/ipc/contract.js';
import type { SearchResults } from '../../main/ipc/messages-contract.js';
import { limits } from '../../main/ipc/rules.js';

export interface MessageMenu {
  who: number;
  clientId: string;
  x: number;
  y: number;
  /** When it opened: which actions' windows are still open is decided then. */
  at: number;
}

export type ComposeMode = { kind: 'reply'; message: ChatMessage } | { kind: 'edit'; message: ChatMessage };

/** What the user saw of a message when they recalled it, and when. */
export interface RecalledText {
  text: string;
  at: number;
}

export interface Search {
  /** Ctrl+F inside a chat: that chat only. */
  who?: number;
  query: string;
  results: SearchResults | null;
  failed: boolean;
}

export interface ActsState {
  menu: MessageMenu | null;
  /** Per chat (peer id). */
  compose: Record<number, ComposeMode>;
  /** By message id. */
  recalled: Record<number, RecalledText>;
  /** The message a jump landed on; `n` tells one jump from the next to the same message. */
  highlight: { who: number; id: number; n: number } | null;
  forward: { who: number; id: number } | null;
  search: Search | null;
  /** The server's windows; the protocol's defaults until a server says otherwise. */
  windows: { recallMs: number; editMs: number; reeditMs: number };
}

export const initialActs: ActsState = {
  menu: null,
  compose: {},
  recalled: {},
  highlight: null,
  forward: null,
  search: null,
  windows: {
    recallMs: limits.defaultRecallWindowMs,
    editMs: limits.defaultEditWindowMs,
    reeditMs: limits.recallReeditMs,
  },
};

export function withCompose(acts: ActsState, who: number, mode: ComposeMode | null): ActsState {
  const compose = { ...acts.compose };
  if (mode) compose[who] = mode;
  else delete compose[who];
  return { ...acts, compose };
}
