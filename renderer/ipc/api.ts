// Browser runtime. The one way to reach the main process: window.messenger, handed in once
// at start-up (tests hand in a fake).
import type { MessengerApi } from '../../main/ipc/contract.js';

let current: MessengerApi | null = null;

export function connectApi(api: MessengerApi): void {
  current = api;
}

export function messenger(): MessengerApi {
  if (!current) throw new Error('The messenger API is not connected yet.');
  return current;
}
