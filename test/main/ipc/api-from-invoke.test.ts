// window.messenger as the page sees it, built from a fake invoke and event feed: one function
// per request plus `on`, IpcResults unwrapped into values or Errors with a code.
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import {
  createMessengerApi,
  type MessengerRequestError,
  type RequestBridge,
} from '../../../main/ipc/api-from-invoke.js';
import { eventNames, requestNames, type MessengerApi } from '../../../main/ipc/contract.js';

interface FakeBridge extends RequestBridge {
  calls: Array<{ name: string; payload: unknown }>;
  answer: (name: string, payload: unknown) => Promise<unknown>;
  push(message: unknown): void;
  listenCount: number;
}

function fakeBridge(): FakeBridge {
  let deliver: ((message: unknown) => void) | null = null;
  const bridge: FakeBridge = {
    calls: [],
    listenCount: 0,
    answer: async () => ({ ok: true, value: null }),
    invoke(name, payload) {
      bridge.calls.push({ name, payload });
      return bridge.answer(name, payload);
    },
    listen(callback) {
      bridge.listenCount++;
      deliver = callback;
    },
    push(message) {
      deliver?.(message);
    },
  };
  return bridge;
}

function build(bridge: RequestBridge): MessengerApi {
  return createMessengerApi(bridge, requestNames, eventNames);
}

describe('createMessengerApi', () => {
  it('has exactly one function per request name, plus on, and is frozen', () => {
    const api = build(fakeBridge());
    expect(Object.keys(api).sort()).toEqual([...requestNames, 'on'].sort());
    for (const key of Object.keys(api))
      expect(typeof (api as unknown as Record<string, unknown>)[key]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes by request name with the one payload and resolves with the value', async () => {
    const bridge = fakeBridge();
    bridge.answer = async (name) => ({ ok: true, value: { answeredFor: name } });
    const api = build(bridge);
    await expect(api.openChat({ who: 2 })).resolves.toEqual({ answeredFor: 'openChat' });
    await expect(api.snapshot()).resolves.toEqual({ answeredFor: 'snapshot' });
    const send = api.send as unknown as (...args: unknown[]) => Promise<unknown>;
    await send({ to: 2, content: 'hi' }, 'extra argument');
    expect(bridge.calls).toEqual([
      { name: 'openChat', payload: { who: 2 } },
      { name: 'snapshot', payload: undefined },
      { name: 'send', payload: { to: 2, content: 'hi' } },
    ]);
  });

  it('rejects a failure with an Error carrying its message and code', async () => {
    const bridge = fakeBridge();
    bridge.answer = async () => ({ ok: false, error: { code: 'unauthorized', message: 'Wrong name or password.' } });
    const error = (await build(bridge)
      .login({ serverUrl: 'http://x', name: 'a', password: 'b' })
      .catch((e: unknown) => e)) as MessengerRequestError;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('Wrong name or password.');
    expect(error.code).toBe('unauthorized');
  });

  it('carries the field the server named, so the form can show the reason beside it', async () => {
    const bridge = fakeBridge();
    bridge.answer = async () => ({ ok: false, error: { code: 'conflict', message: 'Taken.', field: 'name' } });
    const error = (await build(bridge)
      .register({ serverUrl: 'http://x', name: 'a', password: 'b' })
      .catch((e: unknown) => e)) as MessengerRequestError;
    expect(error).toMatchObject({ code: 'conflict', field: 'name' });
    bridge.answer = async () => ({ ok: false, error: { code: 'conflict', message: 'Taken.' } });
    const without = (await build(bridge)
      .register({ serverUrl: 'http://x', name: 'a', password: 'b' })
      .catch((e: unknown) => e)) as MessengerRequestError;
    expect(without.field).toBeUndefined();
  });

  it('turns a malformed answer or a broken channel into an internal error', async () => {
    const bridge = fakeBridge();
    const api = build(bridge);
    for (const answer of [
      undefined,
      null,
      'ok',
      { ok: 'yes' },
      { ok: false },
      { ok: false, error: { code: 1, message: 'x' } },
    ]) {
      bridge.answer = async () => answer;
      await expect(api.listChats(), JSON.stringify(answer)).rejects.toMatchObject({ code: 'internal' });
    }
    bridge.answer = async () => {
      throw new Error("Error invoking remote method 'messenger:request:listChats': no handler");
    };
    await expect(api.listChats()).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('no handler'),
    });
  });

  it('delivers events to their listeners until unsubscribed, through one feed', () => {
    const bridge = fakeBridge();
    const api = build(bridge);
    const seen: unknown[] = [];
    const stop = api.on('unreadTotal', (total) => seen.push(total));
    const alsoChats: unknown[] = [];
    api.on('chats', (chats) => alsoChats.push(chats));
    bridge.push({ event: 'unreadTotal', payload: 3 });
    bridge.push({ event: 'chats', payload: [] });
    stop();
    stop();
    bridge.push({ event: 'unreadTotal', payload: 4 });
    expect(seen).toEqual([3]);
    expect(alsoChats).toEqual([[]]);
    expect(bridge.listenCount).toBe(1);
  });

  it('ignores unknown event names, bad listeners and malformed messages', () => {
    const bridge = fakeBridge();
    const api = build(bridge);
    const on = api.on as unknown as (event: unknown, listener: unknown) => () => void;
    const seen: unknown[] = [];
    const stop = on('toString', (payload: unknown) => seen.push(payload));
    expect(typeof stop).toBe('function');
    stop();
    expect(typeof on('__proto__', () => {})).toBe('function');
    expect(typeof on('connection', 'not a function')).toBe('function');
    for (const message of [{ event: 'toString', payload: 1 }, null, 'connection', { event: 7 }, { payload: 'online' }])
      bridge.push(message);
    expect(seen).toEqual([]);
  });

  it('keeps delivering to other listeners when one throws, and rethrows outside', () => {
    const later: Array<() => void> = [];
    vi.stubGlobal('queueMicrotask', (task: () => void) => later.push(task));
    try {
      const bridge = fakeBridge();
      const api = build(bridge);
      const seen: unknown[] = [];
      api.on('connection', () => {
        throw new Error('listener bug');
      });
      api.on('connection', (state) => seen.push(state));
      bridge.push({ event: 'connection', payload: 'online' });
      expect(seen).toEqual(['online']);
      expect(later).toHaveLength(1);
      expect(() => later[0]!()).toThrow('listener bug');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('createMessengerApi serialized into another world', () => {
  // What contextBridge.executeInMainWorld does: only the function's source crosses.
  it('works from its source alone and installs a read-only global', async () => {
    const bridge = fakeBridge();
    bridge.answer = async (name) =>
      name === 'logout'
        ? { ok: false, error: { code: 'offline', message: 'No connection.' } }
        : { ok: true, value: 42 };
    const world = vm.createContext({ bridge, requestNames: [...requestNames], eventNames: [...eventNames] });
    vm.runInContext(`(${createMessengerApi.toString()})(bridge, requestNames, eventNames, 'messenger')`, world);
    const api = vm.runInContext('globalThis.messenger', world) as MessengerApi;

    await expect(api.listUsers()).resolves.toBe(42);
    const error = (await api.logout().catch((e: unknown) => e)) as MessengerRequestError;
    expect(error.message).toBe('No connection.');
    expect(error.code).toBe('offline');
    expect(vm.runInContext('e => e instanceof Error', world)(error)).toBe(true);

    const seen: unknown[] = [];
    api.on('typing', (payload) => seen.push(payload));
    bridge.push({ event: 'typing', payload: { from: 2 } });
    expect(seen).toEqual([{ from: 2 }]);

    vm.runInContext('globalThis.messenger = null', world);
    expect(vm.runInContext('typeof globalThis.messenger.send', world)).toBe('function');
  });
});
