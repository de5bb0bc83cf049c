// Vitest: the suite in Node, and the renderer's components in real (headless) Chromium, where
// the message list's virtualizer measures real layout instead of a stand-in.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import { chromiumPath } from '../main/chromium/ensure-chromium.js';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Each file starts its own servers on port 0; two cores run two files at a time.
    maxWorkers: 2,
    globalSetup: ['test/support/temp-root.ts'],
    // Failure screenshots of the component tests, out of the tree.
    attachmentsDir: 'test-results/attachments',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          // Need PostgreSQL and Redis: run by `npm run test:cluster` (test/vitest.cluster.config.ts).
          exclude: [...configDefaults.exclude, 'test/cluster/**'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        // Bundled before the first test: discovering one mid-run reloads the page under a test.
        optimizeDeps: {
          include: [
            'react',
            'react-dom',
            'react-dom/client',
            '@tanstack/react-virtual',
            'zustand',
            'zustand/vanilla',
            'linkify-it',
          ],
        },
        test: {
          name: 'components',
          include: ['test/renderer/**/*.test.tsx'],
          browser: {
            enabled: true,
            headless: true,
            // Debian's Chromium, as the e2e tests use: Playwright's own download needs the internet.
            provider: playwright({ launchOptions: { executablePath: chromiumPath() } }),
            instances: [{ browser: 'chromium' }],
            viewport: { width: 900, height: 700 },
            // Kept out of the tree, beside the e2e results.
            screenshotDirectory: 'test-results/components',
          },
        },
      },
    ],
  },
});
