// What a shell (Electron or Chromium) needs from the core: one validated entry point for
// requests, one stream of events for the renderer, and what the desktop should show.
import type { EventName, IpcResult, MessengerEvents, Unsubscribe } from '../ipc/contract.js';

export type EventListener = <E extends EventName>(event: E, payload: MessengerEvents[E]) => void;

/** What the tray, badge and notifications should show (see notify/policy.ts). */
export interface Attention {
  unreadTotal: number;
  tooltip: string;
}

export interface DesktopNotification {
  /** The chat to show when the notification is clicked. */
  who: number;
  title: string;
  body: string;
}

export interface ShellBridge {
  /** Validates `name` and `payload`, carries the request out, never throws. */
  request(name: unknown, payload: unknown): Promise<IpcResult<unknown>>;
  /** Events for the renderer. */
  subscribe(listener: EventListener): Unsubscribe;
  /** Tray tooltip and badge changes. */
  onAttention(listener: (attention: Attention) => void): Unsubscribe;
  /** A notification the policy decided to show. */
  onNotify(listener: (notification: DesktopNotification) => void): Unsubscribe;
  /** The shell reports whether the app window has focus (no notification for the chat in view). */
  setWindowFocused(focused: boolean): void;
  /** The user asked to see this chat (clicked its notification): the renderer gets `showChat`. */
  showChat(who: number): void;
  /** Flushes what is pending to disk and disconnects. */
  close(): Promise<void>;
}
