// Electron main runtime, no electron import: the "start at login" setting, applied with
// app.setLoginItemSettings. Electron supports it on macOS and Windows only; on Linux the
// setting is kept but does nothing (an XDG autostart entry would be the way there).

export interface LoginItemPieces {
  platform: string;
  /** Only a packaged app registers itself: in development it would register the bare Electron binary. */
  isPackaged: boolean;
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

export function supportsStartAtLogin(platform: string): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export class StartAtLogin {
  private applied: boolean | null = null;

  constructor(private readonly pieces: LoginItemPieces) {}

  /** Called on start and on every settings change; the OS hears only of a new value. */
  apply(openAtLogin: boolean): void {
    if (!supportsStartAtLogin(this.pieces.platform) || !this.pieces.isPackaged) return;
    if (openAtLogin === this.applied) return;
    this.applied = openAtLogin;
    this.pieces.setLoginItemSettings({ openAtLogin });
  }
}
