// Browser runtime, but pure. The desktop around the window: what this shell can do (settings
// it cannot honour are hidden), where the app's own update stands, and why the server went away.
import {
  noDesktopFeatures,
  type DesktopFeatures,
  type ServerNotice,
  type UpdateStatus,
} from '../../main/ipc/desktop-contract.js';
import type { Snapshot } from '../../main/ipc/contract.js';

export interface DesktopState {
  features: DesktopFeatures;
  update: UpdateStatus;
  /** The server said it was closing; null once connected again. */
  serverNotice: ServerNotice | null;
}

export const initialDesktop: DesktopState = {
  features: noDesktopFeatures,
  update: { state: 'idle' },
  serverNotice: null,
};

/** An older main sends none of these: a shell without the features, no update, no notice. */
export function desktopOfSnapshot(snapshot: Snapshot): DesktopState {
  return {
    features: snapshot.desktop ?? noDesktopFeatures,
    update: snapshot.update ?? { state: 'idle' },
    serverNotice: snapshot.serverNotice ?? null,
  };
}
