// The desktop app's lifecycle with fake Electron pieces: starting → running → quitting →
// closed. One instance per profile, the window opened once the core is, close-to-tray, and a
// quit held until the core has flushed (or given up on after a time limit).
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capturedLog } from '../core/log/captured-log.js';
import type { EventListener, ShellBridge } from '../../../main/core/bridge.js';
import type { PreventableEvent } from '../../../main/electron/hardening.js';
import { MessengerApp, type AppLike } from '../../../main/electron/messenger-app.js';
import { hideOnClose, type BehavingWindow } from '../../../main/electron/window-behaviour.js';
import { defaultSettings, type IpcResult, type Settings } from '../../../main/ipc/contract.js';

class FakeApp implements AppLike {
  locked = true;
  exitCode: number | null = null;
  /** Quits that went through (before-quit not prevented). */
  quitsDone = 0;
  private readonly events = new EventEmitter();
  private quitWaiters: Array<() => void> = [];
  private markReady = () => {};
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  requestSingleInstanceLock(): boolean {
    return this.locked;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  on(event: string, listener: (...args: any[]) => void): this {
    this.events.on(event, listener);
    return this;
  }
  quit(): void {
    let prevented = false;
    const event: PreventableEvent = { preventDefault: () => (prevented = true) };
    this.events.emit('before-quit', event);
    if (prevented) return;
    this.quitsDone++;
    for (const wake of this.quitWaiters.splice(0)) wake();
  }
  exit(code: number): void {
    this.exitCode = code;
  }

  becomeReady(): void {
    this.markReady();
  }
  emit(event: 'second-instance' | 'activate' | 'window-all-closed'): void {
    this.events.emit(event);
  }
  /** Resolves when a quit goes through. */
  quitted(): Promise<void> {
    return new Promise((resolve) => this.quitWaiters.push(resolve));
  }
}

class FakeWindow implements BehavingWindow {
  destroyed = false;
  visible = true;
  focused = false;
  private readonly events = new EventEmitter();

  on(event: string, listener: (event: PreventableEvent) => void): this {
    this.events.on(event, listener);
    return this;
  }
  isDestroyed = () => this.destroyed;
  isFocused = () => this.focused;
  isMinimized = () => false;
  isVisible = () => this.visible;
  restore(): void {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }

  /** The user closes the window: it hides, or it is gone. */
  close(): void {
    let prevented = false;
    this.events.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.events.emit('closed');
  }
  endSession(): void {
    this.events.emit('session-end');
  }
}

class FakeCore implements ShellBridge {
  closes = 0;
  private readonly listeners = new Set<EventListener>();
  private finish = () => {};
  private closeAsked = () => {};
  /** Resolves when the app asks the core to close. */
  readonly closing = new Promise<void>((resolve) => (this.closeAsked = resolve));

  constructor(
    private readonly settings: Settings = defaultSettings,
    private readonly closeHangs = false,
  ) {}
  async request(name: unknown): Promise<IpcResult<unknown>> {
    if (name !== 'snapshot') throw new Error(`unexpected request ${String(name)}`);
    return { ok: true, value: { unreadTotal: 3, settings: this.settings } };
  }
  subscribe(listener: EventListener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onAttention = () => () => {};
  onNotify = () => () => {};
  setWindowFocused(): void {}
  showChat(): void {}
  setUpdateStatus(): void {}
  async servedFile(): Promise<null> {
    return null;
  }
  close(): Promise<void> {
    this.closes++;
    this.closeAsked();
    return this.closeHangs ? new Promise((resolve) => (this.finish = resolve)) : Promise.resolve();
  }
  changeSettings(settings: Settings): void {
    for (const listener of this.listeners) listener('settings', settings);
  }
  finishClosing(): void {
    this.finish();
  }
}

function world(options: { platform?: string; tray?: boolean; core?: FakeCore; openFails?: boolean } = {}) {
  const app = new FakeApp();
  const core = options.core ?? new FakeCore();
  const windows: FakeWindow[] = [];
  const log = capturedLog();
  const errors: string[] = [];
  const steps: string[] = [];
  let openCore = (_core: ShellBridge) => {};
  let coreAsked = () => {};
  /** Resolves when the app asks for the core. */
  const askedForCore = new Promise<void>((resolve) => (coreAsked = resolve));
  const desktop = { windowsCreated: 0, disposed: false, initial: null as unknown };
  const messenger = new MessengerApp<FakeWindow>({
    app,
    platform: options.platform ?? 'linux',
    secure: () => steps.push('secure'),
    openCore: () => {
      steps.push('openCore');
      coreAsked();
      if (options.openFails) return Promise.reject(new Error('profile folder is not writable'));
      return new Promise((resolve) => (openCore = resolve));
    },
    createWindow: (_core, shouldHideOnClose) => {
      const window = new FakeWindow();
      hideOnClose(window, shouldHideOnClose);
      windows.push(window);
      return window;
    },
    connectIpc: (_core, getWindow) => steps.push(`connectIpc(${getWindow() === null ? 'no window yet' : 'window'})`),
    startDesktop: (_core, _actions, initial) => {
      if (options.tray === false) throw new Error('no tray on this desktop');
      desktop.initial = initial;
      return {
        windowCreated: () => desktop.windowsCreated++,
        dispose: () => (desktop.disposed = true),
      };
    },
    showError: (title, message) => errors.push(`${title}: ${message}`),
    logger: log.logger,
    closeTimeoutMs: 10_000,
  });
  /** Runs start() through ready and the core opening. */
  const started = async () => {
    const starting = messenger.start();
    app.becomeReady();
    await askedForCore;
    openCore(core);
    await starting;
  };
  return {
    app,
    core,
    windows,
    log,
    errors,
    steps,
    desktop,
    messenger,
    started,
    askedForCore,
    openCore: (c: ShellBridge) => openCore(c),
  };
}

describe('the app lifecycle', () => {
  afterEach(() => void vi.useRealTimers());

  it('starts: secures the app once ready, opens the core, then one window, and is running', async () => {
    const { messenger, started, steps, windows, desktop } = world();
    expect(messenger.state).toBe('starting');
    await started();
    expect(steps).toEqual(['secure', 'openCore', 'connectIpc(no window yet)']);
    expect(windows).toHaveLength(1);
    expect(desktop).toMatchObject({ windowsCreated: 1, initial: { unreadTotal: 3, settings: defaultSettings } });
    expect(messenger.state).toBe('running');
  });

  it('quits at once when another instance holds the profile', async () => {
    const { app, messenger, steps } = world();
    app.locked = false;
    await messenger.start();
    expect(app.quitsDone).toBe(1);
    expect(messenger.state).toBe('closed');
    expect(steps).toEqual([]);
  });

  it('hides the window on close while close-to-tray is on and a tray exists, and closes it otherwise', async () => {
    const { started, windows, core } = world();
    await started();
    const [window] = windows;
    window!.close();
    expect(window).toMatchObject({ destroyed: false, visible: false });
    core.changeSettings({ ...defaultSettings, closeToTray: false });
    window!.close();
    expect(window!.destroyed).toBe(true);

    const trayless = world({ tray: false });
    await trayless.started();
    trayless.windows[0]!.close();
    expect(trayless.windows[0]!.destroyed).toBe(true);
    expect(trayless.log.at('warn')).toEqual([
      expect.stringMatching(/^no tray or notifications: Error: no tray on this desktop\n\s+at /),
    ]);
  });

  it('brings the window back for a second launch, and makes a new one on activate after it closed', async () => {
    const { app, started, windows, core, desktop } = world({ platform: 'darwin' });
    await started();
    windows[0]!.hide();
    app.emit('second-instance');
    expect(windows[0]!.visible).toBe(true);
    core.changeSettings({ ...defaultSettings, closeToTray: false });
    windows[0]!.close();
    app.emit('window-all-closed');
    expect(app.quitsDone).toBe(0);
    app.emit('activate');
    expect(windows).toHaveLength(2);
    expect(desktop.windowsCreated).toBe(2);
  });

  it('quits when the last window closes, except on macOS', async () => {
    const linux = world({ core: new FakeCore({ ...defaultSettings, closeToTray: false }) });
    await linux.started();
    const quitted = linux.app.quitted();
    linux.windows[0]!.close();
    linux.app.emit('window-all-closed');
    await quitted;
    expect(linux.messenger.state).toBe('closed');
  });

  it('holds a quit until the core has closed: quitting, then closed, then the quit goes through', async () => {
    const core = new FakeCore(defaultSettings, true);
    const { app, messenger, started, windows, desktop } = world({ core });
    await started();
    const quitted = app.quitted();
    app.quit();
    expect(messenger.state).toBe('quitting');
    expect(app.quitsDone).toBe(0);
    // While quitting, closing the window closes it instead of hiding it.
    windows[0]!.close();
    expect(windows[0]!.destroyed).toBe(true);
    app.quit();
    await core.closing;
    expect(core.closes).toBe(1);
    core.finishClosing();
    await quitted;
    expect(messenger.state).toBe('closed');
    expect(desktop.disposed).toBe(true);
    app.quit();
    expect(app.quitsDone).toBe(2);
  });

  it('gives up waiting for a core that does not close after the time limit', async () => {
    vi.useFakeTimers();
    const core = new FakeCore(defaultSettings, true);
    const { app, messenger, started, log } = world({ core });
    await started();
    app.quit();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(app.quitsDone).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quitsDone).toBe(1);
    expect(messenger.state).toBe('closed');
    expect(log.at('error')).toEqual([
      expect.stringMatching(/^closing the core failed: Error: still closing after 10000 ms\n\s+at /),
    ]);
  });

  it('closes a core that opens after the user quit, and opens no window', async () => {
    const { app, messenger, windows, core, openCore, askedForCore } = world();
    const starting = messenger.start();
    app.becomeReady();
    await askedForCore;
    const quitted = app.quitted();
    app.quit();
    openCore(core);
    await starting;
    await quitted;
    expect(core.closes).toBe(1);
    expect(windows).toEqual([]);
    expect(messenger.state).toBe('closed');
  });

  it('closes the window instead of hiding it when the OS session ends', async () => {
    const { started, windows, messenger } = world();
    await started();
    windows[0]!.endSession();
    expect(messenger.state).toBe('quitting');
    windows[0]!.close();
    expect(windows[0]!.destroyed).toBe(true);
  });

  it('says why it cannot start and exits with status 1', async () => {
    const { app, messenger, errors, log } = world({ openFails: true });
    const starting = messenger.start();
    app.becomeReady();
    await starting;
    expect(errors).toEqual(['Messenger cannot start: profile folder is not writable']);
    expect(log.at('error')).toEqual([
      expect.stringMatching(/^could not start: Error: profile folder is not writable\n\s+at /),
    ]);
    expect(app.exitCode).toBe(1);
    expect(messenger.state).toBe('closed');
  });
});
