// Electron preload runtime (sandboxed, isolated world; bundled into one CommonJS file).
// The only caller of ipcRenderer. The page gets `window.messenger` — one function per request
// and `on` — built in its own world; ipcRenderer and raw IPC events never leave this file.
import { contextBridge, ipcRenderer } from 'electron';
import {
  apiGlobal,
  eventChannel,
  eventNames,
  requestChannel,
  requestNames,
  type RequestName,
} from '../ipc/contract.js';
import { createMessengerApi, type RequestBridge } from '../ipc/api-from-invoke.js';

const channels = new Map<string, string>(requestNames.map((name: RequestName) => [name, requestChannel(name)]));
let listening = false;

const bridge: RequestBridge = {
  invoke(name, payload) {
    const channel = channels.get(name);
    if (!channel)
      return Promise.resolve({
        ok: false,
        error: { code: 'bad_request', message: `Unknown request "${String(name).slice(0, 40)}".` },
      });
    return ipcRenderer.invoke(channel, payload);
  },
  listen(deliver) {
    if (listening) return;
    listening = true;
    // The IpcRendererEvent stays here: it holds `sender`, i.e. ipcRenderer itself.
    ipcRenderer.on(eventChannel, (_event, message: unknown) => deliver(message));
  },
};

contextBridge.executeInMainWorld({
  func: createMessengerApi,
  args: [bridge, [...requestNames], [...eventNames], apiGlobal],
});
