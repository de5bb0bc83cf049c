// Electron main runtime, no electron import: the "start at login" setting. Windows and macOS
// through app.setLoginItemSettings (packaged apps only); Linux through an XDG autostart entry.
import { removeAutostartEntry, writeAutostartEntry, type AutostartEntry } from './autostart-entry.js';

export interface LoginItemPieces {
  platform: string;
  /** Only a packaged app registers a login item: in development it would register the bare Electron binary. */
  isPackaged: boolean;
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
  /** Linux: the autostart entry for this profile (its command starts development builds too). */
  autostart?: AutostartEntry;
  /** Where a failed write of the autostart entry is logged. */
  failed?(error: unknown): void;
}

/** Whether the setting has an effect here (DesktopFeatures.startAtLogin). */
export function supportsStartAtLogin(platform: string, isPackaged: boolean): boolean {
  if (platform === 'linux') return true;
  return (platform === 'darwin' || platform === 'win32') && isPackaged;
}

export class StartAtLogin {
  private applied: boolean | null = null;
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly pieces: LoginItemPieces) {}

  /** Called on start and on every settings change; the OS hears only of a new value. Resolves once applied. */
  apply(openAtLogin: boolean): Promise<void> {
    const { platform, isPackaged, autostart } = this.pieces;
    if (!supportsStartAtLogin(platform, isPackaged) || openAtLogin === this.applied) return this.work;
    this.applied = openAtLogin;
    if (platform !== 'linux') {
      this.pieces.setLoginItemSettings({ openAtLogin });
      return this.work;
    }
    if (!autostart) return this.work;
    // One change at a time, in order: a quick on-off-on must end with the entry there.
    this.work = this.work
      .then(() => (openAtLogin ? writeAutostartEntry(autostart) : removeAutostartEntry(autostart.file)))
      .catch((error: unknown) => {
        // Tried again on the next change rather than believed done.
        this.applied = null;
        this.pieces.failed?.(error);
      });
    return this.work;
  }
}
