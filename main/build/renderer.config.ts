// Build time (Node). The renderer's Vite settings, shared by electron-vite and by tests that
// build the renderer on their own into a temporary folder.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { repoRoot } from './paths.js';

export { repoRoot, rendererOutDir } from './paths.js';
export const rendererRoot = path.join(repoRoot, 'renderer');

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
