// Electron main runtime, no electron import: the unread total on the dock or taskbar. macOS
// and Linux (Unity, KDE) take a count with app.setBadgeCount; Windows has no count, so the
// window's taskbar button gets a small red overlay with a description for screen readers.
import type { Language } from '../../core/notify/desktop-strings.js';
import { stringsFor } from '../../core/notify/desktop-strings.js';

/** The parts of a BrowserWindow the Windows overlay needs. */
export interface OverlayWindow<Image> {
  isDestroyed(): boolean;
  setOverlayIcon(overlay: Image | null, description: string): void;
}

export interface BadgePieces<Image> {
  platform: string;
  /** app.setBadgeCount: false where the desktop has no badges (most Linux docks). */
  setBadgeCount(count: number): boolean;
  /** The red overlay (loaded once, on first use). */
  loadOverlay(): Image;
  getWindow(): OverlayWindow<Image> | null;
}

export class UnreadBadge<Image> {
  private total: number | null = null;
  private overlay: Image | null = null;
  private language: Language = 'en';

  constructor(private readonly pieces: BadgePieces<Image>) {}

  show(total: number): void {
    const next = Math.max(0, total);
    // Attention updates come with every chat list change; the taskbar only hears of new totals.
    if (next === this.total) return;
    this.total = next;
    this.render();
  }

  /** The overlay's description is read out by screen readers: it follows the chosen language. */
  setLanguage(language: Language): void {
    if (language === this.language) return;
    this.language = language;
    this.render();
  }

  /** A new window's taskbar button starts without the Windows overlay: put it back. */
  windowCreated(): void {
    if (this.pieces.platform === 'win32') this.render();
  }

  render(): void {
    if (this.total === null) return;
    const { platform } = this.pieces;
    if (platform === 'darwin' || platform === 'linux') {
      // Unsupported Linux desktops answer false; the tray icon still shows the unread state.
      this.pieces.setBadgeCount(this.total);
      return;
    }
    if (platform !== 'win32') return;
    const window = this.pieces.getWindow();
    if (!window || window.isDestroyed()) return;
    if (this.total === 0) {
      window.setOverlayIcon(null, '');
      return;
    }
    this.overlay ??= this.pieces.loadOverlay();
    window.setOverlayIcon(this.overlay, stringsFor(this.language).unread(this.total));
  }
}
