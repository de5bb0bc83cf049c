// The built preload (out/preload/preload.cjs) run against stand-ins for contextBridge and
// ipcRenderer: what it hands to the page's world holds no Electron object and no function of
// ipcRenderer, the page gets only window.messenger, and raw IPC events never reach the page.
import fs from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiGlobal, eventChannel, requestChannel, requestNames } from '../../main/ipc/contract.js';
import { ensureBuiltApp } from '../packaging/built-app.js';

type Listener = (...args: any[]) => unknown;

const ipcRenderer = {
  invoke: vi.fn(async (channel: string, payload: unknown) => ({ ok: true, value: { channel, payload } })),
  on: vi.fn((_channel: string, _listener: Listener) => ipcRenderer),
  once: vi.fn(),
  send: vi.fn(),
  sendSync: vi.fn(),
  sendToHost: vi.fn(),
  postMessage: vi.fn(),
  removeListener: vi.fn(),
  removeAllListeners: vi.fn(),
};
const exposed: unknown[][] = [];
const executed: Array<{ func: Listener; args: unknown[] }> = [];
const contextBridge = {
  exposeInMainWorld: (...args: unknown[]) => void exposed.push(args),
  executeInMainWorld: (script: { func: Listener; args?: unknown[] }) =>
    void executed.push({ func: script.func, args: script.args ?? [] }),
};
const electronModule = { ipcRenderer, contextBridge };
const forbidden = new Set<unknown>([
  electronModule,
  ipcRenderer,
  contextBridge,
  ...Object.values(ipcRenderer),
  ...Object.values(contextBridge),
]);
const required: string[] = [];
let page: Record<string, any>;

/** Everything reachable from `roots` through properties (not through closures). */
function reachable(roots: unknown[]): Set<unknown> {
  const seen = new Set<unknown>();
  const visit = (value: unknown) => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) visit(descriptor.value);
    }
  };
  roots.forEach(visit);
  return seen;
}

beforeAll(async () => {
  const { preload } = await ensureBuiltApp();
  const code = fs.readFileSync(preload, 'utf8');
  // A sandboxed preload: a CommonJS function whose require knows little more than electron.
  const run = vm.runInNewContext(
    `(function (require, module, exports) {\n${code}\n})`,
    {},
    { filename: preload },
  ) as Listener;
  const module = { exports: {} };
  run(
    (name: string) => {
      required.push(name);
      if (name === 'electron') return electronModule;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    },
    module,
    module.exports,
  );
  // executeInMainWorld serializes the function and runs it in the page's own world.
  const [script] = executed;
  page = vm.createContext({ queueMicrotask });
  if (script) (vm.runInContext(`(${script.func.toString()})`, page) as Listener)(...script.args);
}, 300_000);

describe('the built preload', () => {
  it('requires nothing but electron', () => {
    expect(required).toEqual(['electron']);
  });

  it('hands the page one script, and exposes no object of its own world', () => {
    expect(exposed).toEqual([]);
    expect(executed).toHaveLength(1);
  });

  it('passes nothing that leads to ipcRenderer, contextBridge or their functions', () => {
    const leaks = [...reachable(executed.flatMap((script) => script.args))].filter((value) => forbidden.has(value));
    expect(leaks).toEqual([]);
  });

  it('gives the page window.messenger only, read-only, with one function per request plus on', () => {
    const descriptor = Object.getOwnPropertyDescriptor(page, apiGlobal)!;
    expect(descriptor).toMatchObject({ writable: false, configurable: false });
    expect(Object.keys(descriptor.value).sort()).toEqual([...requestNames, 'on'].sort());
    expect(Object.isFrozen(descriptor.value)).toBe(true);
    expect([...reachable([descriptor.value])].filter((value) => forbidden.has(value))).toEqual([]);
    for (const name of ['require', 'process', 'ipcRenderer', 'electron', 'Buffer'])
      expect(page, name).not.toHaveProperty(name);
  });

  it('sends each request on its own channel, and nothing on a channel the page names', async () => {
    await expect(page[apiGlobal].snapshot()).resolves.toEqual({
      channel: requestChannel('snapshot'),
      payload: undefined,
    });
    const bridge = executed[0]!.args[0] as { invoke(name: string, payload: unknown): Promise<unknown> };
    const answer = await bridge.invoke('messenger:event', { forged: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const channels = ipcRenderer.invoke.mock.calls.map(([channel]) => channel);
    expect(channels).toEqual([requestChannel('snapshot')]);
    expect(ipcRenderer.send).not.toHaveBeenCalled();
    expect(ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  it('delivers pushed events without the IPC event object, and only to known event names', () => {
    const [channel, deliver] = ipcRenderer.on.mock.calls[0] as [string, Listener];
    expect(channel).toBe(eventChannel);
    const heard: unknown[][] = [];
    page[apiGlobal].on('unreadTotal', (...args: unknown[]) => heard.push(args));
    page[apiGlobal].on('not-an-event', () => heard.push(['wrong']));
    deliver({ sender: ipcRenderer, ports: [] }, { event: 'unreadTotal', payload: 3 });
    deliver({ sender: ipcRenderer, ports: [] }, { event: 'not-an-event', payload: 4 });
    expect(heard).toEqual([[3]]);
  });
});
