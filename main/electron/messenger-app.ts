// Electron main runtime, no electron import: the desktop app's lifecycle, starting → running →
// quitting → closed. One instance per profile, the core opened once the app is ready, one
// window, and a quit that waits (up to a limit) for the core to flush to disk. main.ts hands
// it the Electron pieces; tests hand it fakes.
import type { ShellBridge } from '../core/bridge.js';
import type { Logger } from '../core/log/logger.js';
import { defaultSettings, type Snapshot } from '../ipc/contract.js';
import type { WindowActions } from './desktop/desktop.js';
import type { PreventableEvent } from './hardening.js';
import { bringToFront, type BehavingWindow } from './window-behaviour.js';

export type AppState = 'starting' | 'running' | 'quitting' | 'closed';

/** The parts of Electron's `app` the lifecycle uses. */
export interface AppLike {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  on(event: 'second-instance' | 'activate' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
  exit(code: number): void;
}

/** The parts of a BrowserWindow the lifecycle uses. */
export type AppWindow = BehavingWindow & { on(event: 'closed' | 'session-end', listener: () => void): unknown };

export interface MessengerAppPieces<Window extends AppWindow> {
  app: AppLike;
  platform: string;
  /** After ready, before the core and the first window: the app scheme, hardening, the menu. */
  secure(): void;
  openCore(): Promise<ShellBridge>;
  createWindow(core: ShellBridge, shouldHideOnClose: () => boolean): Window;
  /** The ipcMain handlers and the event forwarding, both reading the current window. */
  connectIpc(core: ShellBridge, getWindow: () => Window | null): void;
  /** Tray, badge, notifications; throws where the desktop has no tray. */
  startDesktop(
    core: ShellBridge,
    actions: WindowActions,
    initial: Pick<Snapshot, 'unreadTotal' | 'settings'>,
  ): { windowCreated(): void; dispose(): void };
  showError(title: string, message: string): void;
  /** The profile's log. */
  logger: Logger;
  /** Long enough to flush the outbox and cache; short enough that Quit never seems to hang. */
  closeTimeoutMs: number;
}

export class MessengerApp<Window extends AppWindow> {
  private current: AppState = 'starting';
  private window: Window | null = null;
  private core: ShellBridge | null = null;
  private opening: Promise<ShellBridge | null> = Promise.resolve(null);
  private closing: Promise<void> | null = null;
  private desktop: { windowCreated(): void; dispose(): void } | null = null;
  private closeToTray = defaultSettings.closeToTray;

  constructor(private readonly pieces: MessengerAppPieces<Window>) {}

  get state(): AppState {
    return this.current;
  }

  /** The window while it exists (it may be hidden). */
  get currentWindow(): Window | null {
    return this.window;
  }

  /** Takes the profile's single-instance lock and opens the app; resolves once started (or given up). */
  async start(): Promise<void> {
    const { app } = this.pieces;
    if (!app.requestSingleInstanceLock()) {
      // The first instance of this profile gets 'second-instance' and comes to the front.
      this.current = 'closed';
      app.quit();
      return;
    }
    app.on('second-instance', () => bringToFront(this.window));
    // macOS dock click.
    app.on('activate', () => this.showWindow());
    app.on('window-all-closed', () => {
      // Only reached when the window really closes (close-to-tray off, or no tray); macOS apps stay in the dock.
      if (this.pieces.platform !== 'darwin') app.quit();
    });
    app.on('before-quit', (event) => this.beforeQuit(event));
    try {
      await this.open();
    } catch (error) {
      this.pieces.logger.error('could not start', error);
      this.pieces.showError('Messenger cannot start', errorText(error));
      this.current = 'closed';
      app.exit(1);
    }
  }

  /** Tray "Open", notification click, dock click: the window may be hidden or closed. */
  showWindow(): void {
    if (this.window) bringToFront(this.window);
    else if (this.core && this.current === 'running') this.openWindow(this.core);
  }

  private async open(): Promise<void> {
    await this.pieces.app.whenReady();
    this.pieces.secure();
    this.opening = this.pieces.openCore();
    const core = await this.opening;
    if (!core || this.current !== 'starting') return;
    this.core = core;
    this.pieces.connectIpc(core, () => this.window);
    core.subscribe((event, payload) => {
      if (event === 'settings') this.closeToTray = (payload as Snapshot['settings']).closeToTray;
    });
    // A failed snapshot was logged by the core's dispatch; the defaults do until the next one.
    const snapshot = await core.request('snapshot', undefined);
    const initial = snapshot.ok ? (snapshot.value as Snapshot) : { unreadTotal: 0, settings: defaultSettings };
    this.closeToTray = initial.settings.closeToTray;
    if (this.current !== 'starting') return;
    try {
      this.desktop = this.pieces.startDesktop(
        core,
        { showWindow: () => this.showWindow(), quit: () => this.pieces.app.quit() },
        initial,
      );
    } catch (error) {
      // No tray (e.g. a Linux desktop without one): the app still works, closing really closes.
      this.pieces.logger.warn('no tray or notifications', error);
    }
    this.current = 'running';
    this.openWindow(core);
  }

  private openWindow(core: ShellBridge): void {
    const created = this.pieces.createWindow(core, () => this.shouldHideOnClose());
    created.on('closed', () => {
      if (this.window === created) this.window = null;
    });
    // Windows logging off or shutting down: the window must close, not hide.
    created.on('session-end', () => this.quitting());
    this.window = created;
    this.desktop?.windowCreated();
  }

  /** Hiding needs a way back: the tray (or, on macOS, the dock). */
  private shouldHideOnClose(): boolean {
    return this.current === 'running' && this.closeToTray && this.desktop !== null;
  }

  /** Held until the core has closed; then quitting again goes through. */
  private beforeQuit(event: PreventableEvent): void {
    if (this.current === 'closed') return;
    this.quitting();
    event.preventDefault();
    this.closing ??= this.closeCore();
  }

  private quitting(): void {
    if (this.current !== 'closed') this.current = 'quitting';
  }

  private async closeCore(): Promise<void> {
    try {
      const core = await this.opening;
      if (core) await withTimeout(core.close(), this.pieces.closeTimeoutMs);
    } catch (error) {
      this.pieces.logger.error('closing the core failed', error);
    } finally {
      this.desktop?.dispose();
      this.desktop = null;
      this.current = 'closed';
      this.pieces.logger.info('closed');
      this.pieces.app.quit();
    }
  }
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still closing after ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** For the error dialog the user reads; a value thrown that is not an Error says nothing. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong inside the app.';
}
