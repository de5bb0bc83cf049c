// Globals every runtime this folder runs in (Node, Electron preload, Chromium page) provides,
// declared here because the folder is compiled with neither Node nor DOM types.
declare function queueMicrotask(callback: () => void): void;
