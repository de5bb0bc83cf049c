// Browser runtime. The desktop slice's actions, from the `update` and `serverNotice` events.
import type { ServerNotice, UpdateStatus } from '../../main/ipc/desktop-contract.js';
import { appStore } from './store.js';

export function updateChanged(update: UpdateStatus): void {
  appStore.setState((state) => ({ desktop: { ...state.desktop, update } }));
}

export function serverNoticeChanged(serverNotice: ServerNotice | null): void {
  appStore.setState((state) => ({ desktop: { ...state.desktop, serverNotice } }));
}
