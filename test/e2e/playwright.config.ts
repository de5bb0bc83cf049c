// End-to-end tests: the Chromium shell (Debian's Chromium driven by playwright-core) with the
// real client core, against a real server, both in the test process. Run with
// `npm run test:e2e`; the global setup builds the renderer first (E2E_SKIP_BUILD=1 skips
// that). Screenshots land in test-results/screenshots/; UPDATE_DOC_SCREENSHOTS=1 also
// refreshes the committed ones in docs/screenshots/.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  // Each test starts its own server and Chromium windows; one at a time keeps two cores calm.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  globalTimeout: 15 * 60_000,
  expect: { timeout: 10_000 },
  outputDir: '../../test-results/e2e',
  reporter: [['list'], ['html', { outputFolder: '../../test-results/e2e-report', open: 'never' }]],
  // The tests open their windows through the Chromium shell; these apply to any page
  // fixture a test might still use, and the fixtures photograph their own windows on failure.
  use: { screenshot: 'only-on-failure', trace: 'retain-on-failure' },
});
