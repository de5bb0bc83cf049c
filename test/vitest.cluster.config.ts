// The server's integration suite again, against a two-node cluster: every test server is two
// in-process nodes sharing one PostgreSQL database and one Redis (test/support/server.ts), and
// World spreads each person's devices over both nodes. Services: test/cluster/global-setup.ts.
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/server/*.test.ts', 'test/cluster/*.test.ts'],
    exclude: [
      ...configDefaults.exclude,
      // Start the CLI as a child process with --data (SQLite) and test its flags, crashes and signals:
      'test/server/cli.test.ts',
      'test/server/crash.test.ts',
      'test/server/shutdown.test.ts',
      // Open SqliteStore directly (invites are made in the data folder before the server starts;
      // test/cluster/postgres-store.test.ts covers PostgreSQL's invites and roles).
      'test/server/graceful-close.test.ts',
      'test/server/registration.test.ts',
      'test/server/admin-cli.test.ts',
    ],
    // Injects a failure with a trigger in the SQLite file; test/cluster/postgres-store.test.ts
    // does the same in PostgreSQL.
    testNamePattern: /^(?!.*stores both copies or neither, and a send that stored nothing does not count)/,
    env: { MESSENGER_TEST_CLUSTER: '1' },
    globalSetup: ['test/support/temp-root.ts', 'test/cluster/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
