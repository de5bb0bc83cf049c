// Node runtime. Where the repository and the built app are, with nothing of Vite loaded: the
// launcher and the Chromium shell import this at start. Bundled into out/<name>/main.js, this
// code runs two folders below the repository as it does here (main/build/), so the same
// relative URL finds the root.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** What `npm run build` writes: out/main, out/preload, out/renderer, out/launcher, out/chromium. */
export const outDir = path.join(repoRoot, 'out');
/** Where `npm run build` puts the renderer; the Chromium shell serves it from here. */
export const rendererOutDir = path.join(outDir, 'renderer');
