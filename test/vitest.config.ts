import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts'],
    // Need PostgreSQL and Redis: run by `npm run test:cluster` (test/vitest.cluster.config.ts).
    exclude: [...configDefaults.exclude, 'test/cluster/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Each file starts its own servers on port 0; two cores run two files at a time.
    maxWorkers: 2,
  },
});
