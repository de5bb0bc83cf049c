// The part of the renderer ↔ main contract about the desktop around the window: what this
// shell can do, links, updates, and why the server went away.

/** What the shell the window runs in can do; the renderer hides settings it cannot honour. */
export interface DesktopFeatures {
  shell: 'electron' | 'chromium';
  /** A tray icon (and so "close to tray"). */
  tray: boolean;
  /** "Start at login" has an effect here (Windows/macOS login items, a Linux autostart entry). */
  startAtLogin: boolean;
  /** Spell-check suggestions in the right-click menu. */
  spellCheck: boolean;
  /** The app updates itself (a packaged Electron app with an update feed). */
  updates: boolean;
}

/** Where the app's own update stands; `ready` offers "Restart to update". */
export type UpdateStatus =
  | { state: 'idle' }
  | { state: 'downloading'; version: string; percent: number }
  | { state: 'ready'; version: string }
  | { state: 'failed'; message: string };

/** The server said it is going away (`server:closing` in docs/protocol.md) before the connection dropped. */
export interface ServerNotice {
  reason: 'shutdown' | 'restart';
  /** The server's own sentence, at most 200 characters. */
  message: string;
  /** When the client heard it (ms). */
  at: number;
}

export interface LinkInput {
  /** An http(s) or mailto link from a message; anything else is bad_request. */
  url: string;
}

export interface DesktopRequests {
  /** Opens the link in the system's browser (or mail app), never inside the app window. */
  openLink(input: LinkInput): Promise<void>;
  /** Quits and installs the downloaded update (UpdateStatus `ready`); `conflict` otherwise. */
  restartToUpdate(): Promise<void>;
}

export const desktopRequestNames = [
  'openLink',
  'restartToUpdate',
] as const satisfies readonly (keyof DesktopRequests)[];

export interface DesktopEvents {
  update: UpdateStatus;
  /** Set when the server announced it is closing; null again once connected. */
  serverNotice: ServerNotice | null;
}

export const desktopEventNames = ['update', 'serverNotice'] as const satisfies readonly (keyof DesktopEvents)[];

/** Everything a shell without the feature says (a bare core in tests, an old shell). */
export const noDesktopFeatures: DesktopFeatures = {
  shell: 'chromium',
  tray: false,
  startAtLogin: false,
  spellCheck: false,
  updates: false,
};
