// Electron main runtime, no electron import: shows what the notification policy decided.
// A native notification, plus the taskbar button flashing (Windows, Linux) or one dock bounce
// (macOS); a click brings the window back with that chat open.
import type { DesktopNotification } from '../../core/bridge.js';

/** The parts of an Electron Notification the notifier uses. */
export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
  show(): void;
}

export interface NotificationOptions {
  title: string;
  body: string;
  silent: boolean;
}

/** The parts of a BrowserWindow that draw attention. */
export interface AttentionWindow {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isFocused(): boolean;
  flashFrame(flag: boolean): void;
  once(event: 'focus', listener: () => void): unknown;
}

export interface NotifierPieces {
  platform: string;
  /** Notification.isSupported(). */
  isSupported(): boolean;
  createNotification(options: NotificationOptions): NotificationLike;
  /** app.dock.bounce('informational'): one bounce, macOS only. */
  bounceDock(): void;
  getWindow(): AttentionWindow | null;
}

export interface NotifierActions {
  /** Show, restore and focus the window, creating it if it was closed. */
  showWindow(): void;
  /** Tell the renderer to open this chat. */
  showChat(who: number): void;
}

/**
 * Windows shows a toast only for the AppUserModelID of the app's Start menu shortcut, which the
 * installer names after electron-builder.yml's appId: the two must match.
 */
export const windowsAppUserModelId = 'org.messenger.desktop';

/** Enough for any burst of messages; older ones lose their click handler (the OS still shows them). */
export const liveNotificationLimit = 50;

export class Notifier {
  // Electron holds a notification only weakly: without a reference here it can be garbage
  // collected before the user clicks it, and the click then does nothing.
  private readonly live = new Set<NotificationLike>();
  private flashing: AttentionWindow | null = null;

  constructor(
    private readonly pieces: NotifierPieces,
    private readonly actions: NotifierActions,
  ) {}

  /** How many notifications are kept alive for their click. */
  get liveCount(): number {
    return this.live.size;
  }

  notify(notification: DesktopNotification): void {
    const window = this.pieces.getWindow();
    const open = window !== null && !window.isDestroyed();
    // The user is looking at the app: the chat list's unread counts say it all.
    if (open && window.isVisible() && window.isFocused()) return;
    if (this.pieces.isSupported()) this.show(notification);
    this.drawAttention(open ? window : null);
  }

  private show({ who, title, body }: DesktopNotification): void {
    const shown = this.pieces.createNotification({ title, body, silent: false });
    const release = () => this.live.delete(shown);
    shown.on('click', () => {
      release();
      this.actions.showWindow();
      this.actions.showChat(who);
    });
    shown.on('close', release);
    shown.on('failed', release);
    this.live.add(shown);
    if (this.live.size > liveNotificationLimit) {
      const [oldest] = this.live;
      if (oldest) this.live.delete(oldest);
    }
    shown.show();
  }

  private drawAttention(window: AttentionWindow | null): void {
    if (this.pieces.platform === 'darwin') {
      this.pieces.bounceDock();
      return;
    }
    if (!window || this.flashing === window) return;
    window.flashFrame(true);
    this.flashing = window;
    window.once('focus', () => {
      this.flashing = null;
      if (!window.isDestroyed()) window.flashFrame(false);
    });
  }
}
