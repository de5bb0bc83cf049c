// Browser runtime. How components read the store: through a named selector, re-rendering
// only when what it returns changes.
import { useStore } from 'zustand';
import type { AppState } from './state.js';
import { appStore } from './store.js';

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
