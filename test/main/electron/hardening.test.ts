// The window's box, driven with fakes: web preferences, navigation and window.open refused,
// links to the system browser only when safe, every permission denied, window behaviour.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/log/logger.js';
import { capturedLog } from '../core/log/captured-log.js';
import { appMenuTemplate } from '../../../main/electron/app-menu.js';
import {
  denyAllPermissions,
  hardenWebContents,
  secureWebPreferences,
  type WebContentsLike,
} from '../../../main/electron/hardening.js';
import {
  bringToFront,
  hideOnClose,
  reportFocus,
  type BehavingWindow,
} from '../../../main/electron/window-behaviour.js';

function preventable() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

function fakeWebContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: WebContentsLike = {
    on: (name, listener) => emitter.on(name, listener),
    setWindowOpenHandler: (handler) => {
      openHandler = handler;
    },
  };
  return { contents, emitter, open: (url: string) => openHandler!({ url }) };
}

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer and keeps web security on', () => {
    expect(secureWebPreferences('/app/out/preload/preload.cjs')).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('hardenWebContents', () => {
  it('refuses every navigation, redirect and webview, wherever it points', () => {
    const { contents, emitter } = fakeWebContents();
    hardenWebContents(contents, async () => {}, silentLogger);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      for (const url of [
        'https://example.com/',
        'app://messenger/index.html',
        'file:///etc/passwd',
        'javascript:alert(1)',
      ]) {
        const event = preventable();
        emitter.emit(name, event, url);
        expect(event.prevented, `${name} ${url}`).toBe(true);
      }
    }
  });

  it('denies every new window and hands only safe http(s) links to the system browser', async () => {
    const opened: string[] = [];
    const { contents, open } = fakeWebContents();
    hardenWebContents(
      contents,
      async (url) => {
        opened.push(url);
      },
      silentLogger,
    );
    const urls = [
      'https://example.com/a b',
      'http://example.com',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'https://u:p@example.com/',
      'app://messenger/',
    ];
    for (const url of urls) expect(open(url)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/a%20b', 'http://example.com/']);
  });

  it('sends mailto links and links followed in the page outside, and keeps the page (issue 16)', () => {
    const opened: string[] = [];
    const { contents, emitter, open } = fakeWebContents();
    hardenWebContents(contents, async (url) => void opened.push(url), silentLogger);
    expect(open('mailto:bob@example.com')).toEqual({ action: 'deny' });
    expect(open('mailto:')).toEqual({ action: 'deny' });
    for (const url of [
      'https://example.com/page',
      'mailto:carol@example.com',
      'file:///etc/passwd',
      'app://messenger/',
    ]) {
      const event = Object.assign(preventable(), { url });
      emitter.emit('will-navigate', event);
      expect(event.prevented, url).toBe(true);
    }
    // A subframe's navigation is refused but opens nothing.
    const frame = Object.assign(preventable(), { url: 'https://example.com/frame' });
    emitter.emit('will-frame-navigate', frame);
    expect(frame.prevented).toBe(true);
    expect(opened).toEqual(['mailto:bob@example.com', 'https://example.com/page', 'mailto:carol@example.com']);
  });

  it('survives a system browser that fails to start, and logs it without the address', async () => {
    const { contents, open } = fakeWebContents();
    const log = capturedLog();
    hardenWebContents(
      contents,
      () => Promise.reject(new Error('no browser for https://example.com/private')),
      log.logger,
    );
    expect(open('https://example.com/private')).toEqual({ action: 'deny' });
    expect(await log.waitFor(/browser/)).toMatch(/ warn opening a link in the browser failed \(Error\)$/);
    expect(log.lines.join('\n')).not.toContain('example.com');
  });
});

describe('denyAllPermissions', () => {
  it('refuses every permission request, check and device', () => {
    const handlers: Record<string, (...args: any[]) => unknown> = {};
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler) => (handlers.check = handler),
      setDevicePermissionHandler: (handler) => (handlers.device = handler),
    });
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'unknown',
    ]) {
      const answers: boolean[] = [];
      handlers.request!({}, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
      expect(handlers.check!({}, permission, 'app://messenger', {}), permission).toBe(false);
    }
    expect(handlers.device!({ deviceType: 'usb', origin: 'app://messenger' })).toBe(false);
  });
});

function fakeWindow() {
  const emitter = new EventEmitter();
  const state = { visible: true, minimized: false, focused: false, destroyed: false, calls: [] as string[] };
  const window: BehavingWindow = {
    on: (name, listener) => emitter.on(name, listener),
    isDestroyed: () => state.destroyed,
    isFocused: () => state.focused,
    isMinimized: () => state.minimized,
    isVisible: () => state.visible,
    restore: () => state.calls.push('restore'),
    show: () => state.calls.push('show'),
    hide: () => state.calls.push('hide'),
    focus: () => state.calls.push('focus'),
  };
  return { window, emitter, state };
}

describe('window behaviour', () => {
  it('reports focus, blur and hide to the core', () => {
    const { window, emitter } = fakeWindow();
    const reports: boolean[] = [];
    reportFocus(window, { setWindowFocused: (focused) => reports.push(focused) });
    emitter.emit('focus', preventable());
    emitter.emit('blur', preventable());
    emitter.emit('focus', preventable());
    emitter.emit('hide', preventable());
    expect(reports).toEqual([true, false, true, false]);
  });

  it('hides instead of closing while close-to-tray applies, and closes when quitting', () => {
    const { window, emitter, state } = fakeWindow();
    let hide = true;
    hideOnClose(window, () => hide);
    const first = preventable();
    emitter.emit('close', first);
    expect(first.prevented).toBe(true);
    expect(state.calls).toEqual(['hide']);
    hide = false;
    const second = preventable();
    emitter.emit('close', second);
    expect(second.prevented).toBe(false);
    expect(state.calls).toEqual(['hide']);
  });

  it('brings a hidden or minimized window back to the front', () => {
    const hidden = fakeWindow();
    hidden.state.visible = false;
    bringToFront(hidden.window);
    expect(hidden.state.calls).toEqual(['show', 'focus']);
    const minimized = fakeWindow();
    minimized.state.minimized = true;
    bringToFront(minimized.window);
    expect(minimized.state.calls).toEqual(['restore', 'focus']);
    const gone = fakeWindow();
    gone.state.destroyed = true;
    bringToFront(gone.window);
    bringToFront(null);
    expect(gone.state.calls).toEqual([]);
  });
});

describe('appMenuTemplate', () => {
  const roles = (template: ReturnType<typeof appMenuTemplate>): string[] =>
    JSON.stringify(template)
      .match(/"role":"(\w+)"/g)
      ?.map((match) => match.slice(8, -1)) ?? [];

  it('always offers Quit, and developer tools only in unpackaged builds', () => {
    expect(roles(appMenuTemplate({ isMac: false, isPackaged: true }))).toContain('quit');
    expect(roles(appMenuTemplate({ isMac: true, isPackaged: true }))).toContain('appMenu');
    expect(roles(appMenuTemplate({ isMac: false, isPackaged: true }))).not.toContain('toggleDevTools');
    expect(roles(appMenuTemplate({ isMac: false, isPackaged: false }))).toContain('toggleDevTools');
  });

  it('speaks the chosen language, with the same roles in each (issue 16)', () => {
    const labels = (template: ReturnType<typeof appMenuTemplate>): string[] =>
      template.flatMap((menu) => [
        menu.label ?? `(${menu.role})`,
        ...(Array.isArray(menu.submenu) ? menu.submenu.map((item) => item.label ?? '---') : []),
      ]);
    const english = appMenuTemplate({ isMac: false, isPackaged: true, language: 'en' });
    const chinese = appMenuTemplate({ isMac: false, isPackaged: true, language: 'zh' });
    expect(labels(english).slice(0, 6)).toEqual(['File', 'Quit', 'Edit', 'Undo', 'Redo', '---']);
    expect(labels(chinese)).toEqual([
      '文件',
      '退出',
      '编辑',
      '撤销',
      '重做',
      '---',
      '剪切',
      '复制',
      '粘贴',
      '全选',
      '视图',
      '实际大小',
      '放大',
      '缩小',
      '---',
      '全屏',
      '窗口',
      '最小化',
      '关闭',
    ]);
    expect(roles(chinese)).toEqual(roles(english));
    expect(labels(appMenuTemplate({ isMac: true, isPackaged: true, language: 'zh' }))[0]).toBe('(appMenu)');
  });
});
