// Electron main runtime, no electron import: the ipcMain side of window.messenger. It takes
// its Electron pieces (ipcMain, the window) as arguments so tests drive it with fakes.
import type { ShellBridge } from '../core/bridge.js';
import type { Logger } from '../core/log/logger.js';
import { eventChannel, requestChannel, requestNames, type IpcResult } from '../ipc/contract.js';
import { isAppUrl } from './security.js';

/** The parts of a WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

/** The parts of an IpcMainInvokeEvent the sender check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The parts of a BrowserWindow that IPC needs. */
export interface WindowLike {
  isDestroyed(): boolean;
  readonly webContents: {
    readonly id: number;
    readonly mainFrame: FrameLike;
    isDestroyed(): boolean;
    send(channel: string, ...args: unknown[]): void;
  };
}

export type GetWindow = () => WindowLike | null;

const unauthorized: IpcResult<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'Only the messenger window may make this request.' },
};

/**
 * Whether a request comes from the main frame of our window while it shows our own page:
 * not from a subframe, another window, or a page that navigated elsewhere.
 */
export function isTrustedSender(event: InvokeEventLike, window: WindowLike | null): boolean {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  const main = window.webContents.mainFrame;
  if (event.sender.id !== window.webContents.id) return false;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}

/** One ipcMain.handle per request name; returns a function that removes them all. */
export function registerRequestHandlers(
  ipcMain: IpcMainLike,
  bridge: Pick<ShellBridge, 'request'>,
  getWindow: GetWindow,
  logger: Logger,
): () => void {
  for (const name of requestNames) {
    ipcMain.handle(requestChannel(name), async (event, payload) => {
      if (!isTrustedSender(event, getWindow())) return unauthorized;
      try {
        // The bridge validates the payload; it is untrusted like anything from a renderer.
        return await bridge.request(name, payload);
      } catch (error) {
        // The bridge never throws by contract: this is a bug, and the renderer still gets an answer.
        logger.caught(`IPC request ${name}`, error);
        return {
          ok: false,
          error: { code: 'internal', message: 'The request failed inside the app.' },
        } satisfies IpcResult<never>;
      }
    });
  }
  return () => {
    for (const name of requestNames) ipcMain.removeHandler(requestChannel(name));
  };
}

/** Pushes every core event to the window while it lives; returns the unsubscribe. */
export function forwardEvents(bridge: Pick<ShellBridge, 'subscribe'>, getWindow: GetWindow): () => void {
  return bridge.subscribe((event, payload) => {
    const window = getWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(eventChannel, { event, payload });
  });
}
