// Node runtime. A launch starts the bundled server and connects at the same time, so the first
// connection attempts may be refused for a moment: the user is told "offline" only once the
// server is still unreachable after the grace period, and a normal launch never flashes it.
import type { ConnectionState } from '../../ipc/contract.js';

/** From the connection's first start to the first "offline" the user may see. */
export const offlineGraceMs = 3000;

/**
 * What the window is told: within the grace period of the first connection an unreachable
 * server still reads as `connecting`; after it (or once online) the state as it is.
 */
export function shownState(state: ConnectionState, graceOver: boolean): ConnectionState {
  return state === 'offline' && !graceOver ? 'connecting' : state;
}
