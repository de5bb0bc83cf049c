// Browser runtime (Vitest's Chromium). Puts the chat's components on a page the way the app
// does: the app's styles, StrictMode, the one store, and a fake window.messenger wired in
// through the same wireEvents the app uses.
import { cleanup, render, type RenderResult } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import type { Unsubscribe } from '../../../main/ipc/contract.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { wireEvents } from '../../../renderer/ipc/wiring.js';
import * as act from '../../../renderer/store/actions.js';
import '../../../renderer/styles/theme.css';
import '../../../renderer/styles/base.css';
import '../../../renderer/styles/chat.css';
import '../../../renderer/styles/avatar.css';
import '../../../renderer/styles/files.css';
import '../../../renderer/styles/message-actions.css';
import '../../../renderer/styles/overlays.css';
import '../../../renderer/styles/chat-list.css';
import '../../../renderer/styles/chat-polish.css';
import { account } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

let unwire: Unsubscribe | null = null;

/** A fresh store, signed in and online, talking to a new fake main process. */
export function setUpStage(): FakeApi {
  act.storeReset();
  const fake = new FakeApi();
  connectApi(fake.api);
  unwire = wireEvents(fake.api);
  act.accountChanged(account);
  act.connectionChanged('online');
  return fake;
}

export function tearDownStage(): void {
  cleanup();
  unwire?.();
  unwire = null;
}

export function show(ui: ReactNode): RenderResult {
  return render(<StrictMode>{ui}</StrictMode>);
}
