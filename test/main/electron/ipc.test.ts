// The ipcMain side with fakes for ipcMain and the window: requests pass to the bridge only
// from our window's main frame showing our page; events reach the window only while it lives.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/log/logger.js';
import { capturedLog } from '../core/log/captured-log.js';
import type { EventListener } from '../../../main/core/bridge.js';
import {
  forwardEvents,
  isTrustedSender,
  registerRequestHandlers,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
  type WindowLike,
} from '../../../main/electron/ipc.js';
import { eventChannel, requestChannel, requestNames, type IpcResult } from '../../../main/ipc/contract.js';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
}

const mainFrame: FrameLike = { url: 'app://messenger/index.html', parent: null, processId: 4, routingId: 1 };

function fakeWindow() {
  const sent: unknown[][] = [];
  const state = { destroyed: false };
  const window: WindowLike = {
    isDestroyed: () => state.destroyed,
    webContents: {
      id: 7,
      mainFrame,
      isDestroyed: () => state.destroyed,
      send: (...args: unknown[]) => sent.push(args),
    },
  };
  return { window, sent, state };
}

function eventFrom(frame: Partial<FrameLike> | null, senderId = 7): InvokeEventLike {
  return { sender: { id: senderId }, senderFrame: frame === null ? null : { ...mainFrame, ...frame } };
}

function fakeBridge() {
  const requests: Array<[unknown, unknown]> = [];
  let listener: EventListener | null = null;
  return {
    requests,
    emit: (event: string, payload: unknown) => (listener as ((e: string, p: unknown) => void) | null)?.(event, payload),
    request: async (name: unknown, payload: unknown): Promise<IpcResult<unknown>> => {
      requests.push([name, payload]);
      return { ok: true, value: { handled: name } };
    },
    subscribe: (next: EventListener) => {
      listener = next;
      return () => {
        listener = null;
      };
    },
  };
}

describe('isTrustedSender', () => {
  const { window } = fakeWindow();

  it('trusts the main frame of our window showing our page', () => {
    expect(isTrustedSender(eventFrom({}), window)).toBe(true);
    expect(isTrustedSender(eventFrom({ url: 'app://messenger/index.html#chat/3' }), window)).toBe(true);
  });

  it.each([
    ['a foreign page in the main frame', eventFrom({ url: 'https://evil.example/' })],
    ['a look-alike origin', eventFrom({ url: 'app://messenger.evil/index.html' })],
    ['a file URL', eventFrom({ url: 'file:///index.html' })],
    ['about:blank', eventFrom({ url: 'about:blank' })],
    ['a subframe', eventFrom({ parent: mainFrame, routingId: 2 })],
    ['a subframe claiming our URL', eventFrom({ parent: mainFrame })],
    ['another frame of the same process', eventFrom({ routingId: 9 })],
    ['another renderer process', eventFrom({ processId: 5 })],
    ['another web contents', eventFrom({}, 8)],
    ['a frame gone or navigated', eventFrom(null)],
  ])('refuses %s', (_label, event) => {
    expect(isTrustedSender(event, window)).toBe(false);
  });

  it('refuses everything without a live window', () => {
    const dead = fakeWindow();
    dead.state.destroyed = true;
    expect(isTrustedSender(eventFrom({}), dead.window)).toBe(false);
    expect(isTrustedSender(eventFrom({}), null)).toBe(false);
  });
});

describe('registerRequestHandlers', () => {
  it('handles exactly one channel per request name', () => {
    const ipcMain = fakeIpcMain();
    registerRequestHandlers(ipcMain, fakeBridge(), () => fakeWindow().window, silentLogger);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(requestNames.map(requestChannel).sort());
  });

  it('passes a trusted request and its payload through to the bridge', async () => {
    const ipcMain = fakeIpcMain();
    const bridge = fakeBridge();
    const { window } = fakeWindow();
    registerRequestHandlers(ipcMain, bridge, () => window, silentLogger);
    const answer = await ipcMain.handlers.get(requestChannel('openChat'))!(eventFrom({}), { who: 2 }, 'ignored');
    expect(answer).toEqual({ ok: true, value: { handled: 'openChat' } });
    expect(bridge.requests).toEqual([['openChat', { who: 2 }]]);
  });

  it('answers unauthorized to a wrong sender without reaching the bridge', async () => {
    const ipcMain = fakeIpcMain();
    const bridge = fakeBridge();
    const { window } = fakeWindow();
    registerRequestHandlers(ipcMain, bridge, () => window, silentLogger);
    for (const event of [
      eventFrom({ url: 'https://evil.example/' }),
      eventFrom({ parent: mainFrame }),
      eventFrom(null),
      eventFrom({}, 99),
    ]) {
      const answer = (await ipcMain.handlers.get(requestChannel('send'))!(event, {
        to: 2,
        content: 'x',
      })) as IpcResult<unknown>;
      expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(bridge.requests).toEqual([]);
  });

  it('answers unauthorized once the window is gone', async () => {
    const ipcMain = fakeIpcMain();
    const bridge = fakeBridge();
    let current: WindowLike | null = fakeWindow().window;
    registerRequestHandlers(ipcMain, bridge, () => current, silentLogger);
    current = null;
    const answer = await ipcMain.handlers.get(requestChannel('snapshot'))!(eventFrom({}));
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(bridge.requests).toEqual([]);
  });

  it('turns a throwing bridge into an internal failure, logged with its stack, instead of a rejected invoke', async () => {
    const ipcMain = fakeIpcMain();
    const { window } = fakeWindow();
    const log = capturedLog();
    const bridge = { request: async () => Promise.reject(new Error('boom /home/user/secret')) };
    registerRequestHandlers(ipcMain, bridge, () => window, log.logger);
    const answer = (await ipcMain.handlers.get(requestChannel('listUsers'))!(eventFrom({}))) as IpcResult<unknown>;
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('secret');
    expect(log.at('error')).toEqual([expect.stringMatching(/^IPC request listUsers: Error: boom .*\n\s+at /)]);
  });

  it('removes every handler it added', () => {
    const ipcMain = fakeIpcMain();
    const remove = registerRequestHandlers(ipcMain, fakeBridge(), () => null, silentLogger);
    remove();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('forwardEvents', () => {
  it('sends each event on the one event channel while the window lives', () => {
    const bridge = fakeBridge();
    const { window, sent, state } = fakeWindow();
    let current: WindowLike | null = window;
    forwardEvents(bridge, () => current);
    bridge.emit('unreadTotal', 2);
    state.destroyed = true;
    bridge.emit('unreadTotal', 3);
    current = null;
    bridge.emit('unreadTotal', 4);
    expect(sent).toEqual([[eventChannel, { event: 'unreadTotal', payload: 2 }]]);
  });

  it('stops when unsubscribed', () => {
    const bridge = fakeBridge();
    const { window, sent } = fakeWindow();
    const stop = forwardEvents(bridge, () => window);
    stop();
    bridge.emit('connection', 'online');
    expect(sent).toEqual([]);
  });
});
