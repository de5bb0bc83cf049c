// Build time (Node). The renderer's Vite settings, shared by electron-vite and by tests that
// build the renderer on their own into a temporary folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const rendererRoot = path.join(repoRoot, 'renderer');
/** Where `npm run build` puts the renderer; the Chromium shell serves it from here. */
export const rendererOutDir = path.join(repoRoot, 'out', 'renderer');

export function rendererBuildOptions(outDir: string) {
  return {
    root: rendererRoot,
    // Relative asset URLs work both from file:// (Electron) and the Chromium shell's origin.
    base: './',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: path.join(rendererRoot, 'index.html') },
    },
  };
}
