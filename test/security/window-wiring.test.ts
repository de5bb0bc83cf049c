// main/electron/window.ts wired to stand-ins for the Electron objects it imports: the window
// loads only app://, with the secure web preferences; every web contents is locked to its
// page; the default session grants nothing; only checked links reach shell.openExternal.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAppUrl } from '../../main/electron/security.js';

type Listener = (...args: any[]) => unknown;

const electron = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const windows: Array<{ options: any; loaded: string[] }> = [];
  const permission: Record<string, Listener> = {};
  const electron = {
    app: {
      on(event: string, listener: Listener) {
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
        return electron.app;
      },
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (permission.request = handler),
        setPermissionCheckHandler: (handler: Listener) => (permission.check = handler),
        setDevicePermissionHandler: (handler: Listener) => (permission.device = handler),
      },
    },
    shell: { openExternal: vi.fn(async (_url: string) => {}) },
    /** Records its options and loads; any other method is a harmless no-op. */
    BrowserWindow: class {
      constructor(options: unknown) {
        const record = { options, loaded: [] as string[] };
        windows.push(record);
        const methods: Record<string, Listener> = { loadURL: async (url: string) => void record.loaded.push(url) };
        return new Proxy(this, { get: (_target, key) => methods[key as string] ?? (() => undefined) });
      }
    },
  };
  return { electron, appListeners, windows, permission };
});

vi.mock('electron', () => electron.electron);

const { createMainWindow, registerAppScheme, secureApp } = await import('../../main/electron/window.js');

afterEach(() => {
  electron.appListeners.clear();
  electron.windows.length = 0;
  electron.electron.shell.openExternal.mockClear();
});

function fakeContents() {
  // Every listener of an event runs, as Electron's emitter runs them: listeners.get(event) calls them all.
  const registered = new Map<string, Listener[]>();
  const listeners = new Map<string, Listener>();
  let openHandler: Listener = () => ({ action: 'allow' });
  return {
    contents: {
      on: (event: string, listener: Listener) => {
        const all = [...(registered.get(event) ?? []), listener];
        registered.set(event, all);
        listeners.set(event, (...args: unknown[]) => all.map((each) => each(...args)).at(-1));
      },
      setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
    },
    listeners,
    open: (url: string) => openHandler({ url, disposition: 'background-tab' }),
  };
}

describe('the main window', () => {
  it('loads only our app:// page, isolated, sandboxed, without Node', () => {
    createMainWindow({
      preloadPath: '/app/out/preload/preload.cjs',
      bridge: { setWindowFocused: () => {} },
      shouldHideOnClose: () => true,
    });
    expect(electron.windows).toHaveLength(1);
    const [window] = electron.windows;
    expect(window!.loaded).toHaveLength(1);
    expect(isAppUrl(window!.loaded[0]!)).toBe(true);
    expect(window!.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(window!.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('secureApp', () => {
  it('registers app:// as a privileged scheme that does not bypass the CSP', () => {
    registerAppScheme();
    const [schemes] = electron.electron.protocol.registerSchemesAsPrivileged.mock.calls.at(-1)!;
    expect(schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(schemes[0].privileges).not.toHaveProperty('bypassCSP');
  });

  it('serves the renderer on app:// and refuses every permission of the default session', () => {
    secureApp('/app/out/renderer');
    expect(electron.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const granted: boolean[] = [];
    for (const name of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      electron.permission.request!({}, name, (answer: boolean) => granted.push(answer), {});
      granted.push(electron.permission.check!({}, name, 'app://messenger', {}) as boolean);
    }
    granted.push(electron.permission.device!({ deviceType: 'hid', origin: 'app://messenger' }) as boolean);
    expect(granted.every((answer) => answer === false)).toBe(true);
  });

  it('locks every web contents created later to its page', () => {
    secureApp('/app/out/renderer');
    const [created] = electron.appListeners.get('web-contents-created') ?? [];
    expect(created).toBeTypeOf('function');
    const { contents, listeners, open } = fakeContents();
    created!({}, contents);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(event)!({ preventDefault: () => (prevented = true) }, 'https://example.com/');
      expect(prevented, event).toBe(true);
    }
    // Middle-clicks and target=_blank links arrive here too: no new window, ever.
    for (const url of [
      'https://example.com/',
      'app://messenger/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      expect(open(url), url).toEqual({ action: 'deny' });
    }
  });

  it('hands only checked http(s) links to the system browser', () => {
    secureApp('/app/out/renderer');
    const { contents, open } = fakeContents();
    electron.appListeners.get('web-contents-created')![0]!({}, contents);
    for (const url of [
      'https://example.com/a b',
      'file:///etc/passwd',
      'smb://host/share',
      'ms-settings:privacy',
      'https://user:pw@example.com/',
      'javascript:alert(1)',
    ])
      open(url);
    expect(electron.electron.shell.openExternal.mock.calls).toEqual([['https://example.com/a%20b']]);
  });
});
