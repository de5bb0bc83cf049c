// Browser runtime. The plain actions about acting on messages (issue 15): the message menu, the
// composer's reply/edit mode, recalled texts, jumps, the forward dialog and the search.
import type { ChatMessage } from '../../main/ipc/contract.js';
import type { SearchResults } from '../../main/ipc/messages-contract.js';
import { withCompose, type ComposeMode, type MessageMenu, type Search } from './acts-slice.js';
import { appStore } from './store.js';

const { setState } = appStore;

export function messageMenuOpened(menu: MessageMenu | null): void {
  setState((state) => ({ acts: { ...state.acts, menu } }));
}

export function composeModeChanged(who: number, mode: ComposeMode | null): void {
  setState((state) => ({ acts: withCompose({ ...state.acts, menu: null }, who, mode) }));
}

/** Keeps what the user saw of their message as they recalled it, for "Re-edit". */
export function recalledKept(id: number, text: string, at: number): void {
  setState((state) => ({ acts: { ...state.acts, recalled: { ...state.acts.recalled, [id]: { text, at } } } }));
}

export function messageHighlighted(who: number, id: number | null): void {
  setState((state) => ({
    acts: {
      ...state.acts,
      highlight: id === null ? null : { who, id, n: (state.acts.highlight?.n ?? 0) + 1 },
    },
  }));
}

export function forwardAsked(forward: { who: number; id: number } | null): void {
  setState((state) => ({ acts: { ...state.acts, forward, menu: null } }));
}

export function searchChanged(search: Search | null): void {
  setState((state) => ({ acts: { ...state.acts, search } }));
}

/** The answer to `query`, unless the user has typed something else since. */
export function searchAnswered(query: string, results: SearchResults | null): void {
  setState((state) => {
    const search = state.acts.search;
    if (!search || search.query !== query) return {};
    return { acts: { ...state.acts, search: { ...search, results, failed: results === null } } };
  });
}

export function findMessage(messages: readonly ChatMessage[], id: number): ChatMessage | undefined {
  return messages.find((message) => message.id === id);
}
