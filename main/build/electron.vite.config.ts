// Build time (Node). electron-vite builds the Electron main process, its preload and the
// renderer into out/; the Chromium shell serves the same out/renderer.
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererBuildOptions, rendererOutDir, repoRoot } from './renderer.config.js';

const fromRoot = (...parts: string[]) => path.join(repoRoot, ...parts);

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      lib: { entry: fromRoot('main/electron/main.ts'), formats: ['es'], fileName: () => 'main.js' },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      // A sandboxed preload cannot load ES modules: it must be one CommonJS file.
      lib: { entry: fromRoot('main/electron/preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
    },
  },
  renderer: rendererBuildOptions(rendererOutDir),
});
