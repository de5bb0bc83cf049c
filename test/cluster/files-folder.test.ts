// Nodes on one PostgreSQL database keep files in one folder: two nodes sharing a data folder (so
// its files/ folder) start; a third with a folder of its own refuses, naming the folder and the
// way out; one pointed at the shared folder with --files-dir starts. Runs in the cluster run only.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.js';
import { startTestCluster, tempDir, type TestServer } from '../support/server.js';

describe('files folder of a cluster', () => {
  const running: Array<TestServer | RunningServer> = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  it('nodes sharing the folder start; a node with its own folder refuses', async () => {
    const dataDir = tempDir();
    const cluster = await startTestCluster({ port: 0, host: '127.0.0.1', sendRate: 300, dataDir }, 2);
    running.push(cluster);
    const shared = path.join(dataDir, 'files');
    expect(fs.readFileSync(path.join(shared, '.folder-id'), 'utf8')).toMatch(/^[0-9a-f]{32}\n$/);

    const own = path.join(tempDir(), 'files');
    const base = { port: 0, host: '127.0.0.1', sendRate: 300, dbUrl: cluster.dbUrl!, dataDir: tempDir() };
    await expect(startServer({ ...base, filesDir: own })).rejects.toThrow(
      `The files folder ${own} is not the one the other server nodes on this database use (it has no .folder-id). ` +
        'Every node must keep files in one folder shared by all nodes (--files-dir) or in S3 (--files-s3-url).',
    );

    const third = await startServer({ ...base, filesDir: shared });
    running.push(third);
  });
});
