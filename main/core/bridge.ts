// What a shell (Electron or Chromium) needs from the core: one validated entry point for
// requests, one stream of events for the renderer, and what the desktop should show.
import type { EventName, IpcResult, MessengerEvents, Unsubscribe } from '../ipc/contract.js';
import type { UpdateStatus } from '../ipc/desktop-contract.js';

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

/** An image the page may show at `/files/<sha256>` on its own origin (files/served-files.ts). */
export interface ServedFile {
  file: string;
  mime: string;
}

/** What each shell does with a file on the desktop: Electron natively, the Chromium shell through the system. */
export interface DesktopFiles {
  /** Opens the file with the system's application for its type. */
  openPath(file: string): Promise<void>;
  /** Save as…: copies the file where the user says (`suggestedName` first offered); null when cancelled. */
  saveAs(file: string, suggestedName: string): Promise<string | null>;
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
  /** The shell's updater reports where the app's own update stands (Electron only). */
  setUpdateStatus(status: UpdateStatus): void;
  /** The cached or staged image behind `/files/<sha256>`; null for anything else (a 404). */
  servedFile(urlPath: string): Promise<ServedFile | null>;
  /** Flushes what is pending to disk and disconnects. */
  close(): Promise<void>;
}
