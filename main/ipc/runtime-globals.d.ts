// Globals every runtime this folder runs in (Node, Electron preload, Chromium page) provides,
// declared here because the folder is compiled with neither Node nor DOM types.
declare function queueMicrotask(callback: () => void): void;
/** WHATWG URL: only what server-address.ts reads. */
declare class URL {
  constructor(url: string);
  readonly protocol: string;
  readonly hostname: string;
}
