// Browser runtime. The one zustand store (vanilla: no React here, so tests use it in Node).
// Components read it through selectors (use-app-store.ts); only actions.ts writes to it.
import { createStore } from 'zustand/vanilla';
import { initialAppState, type AppState } from './state.js';

export function createAppStore() {
  return createStore<AppState>()(() => initialAppState());
}

export type AppStore = ReturnType<typeof createAppStore>;

export const appStore: AppStore = createAppStore();
