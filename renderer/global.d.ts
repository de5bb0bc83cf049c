// Browser runtime. The one thing the renderer gets from the shell (Electron preload or
// Chromium binding): the typed API of main/ipc/contract.ts.
import type { MessengerApi } from '../main/ipc/contract.js';

declare global {
  interface Window {
    readonly messenger: MessengerApi;
  }
}
