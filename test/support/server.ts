// A real server on port 0 with its own temporary data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app.js';

export interface TestServer extends RunningServer {
  dataDir: string;
}

export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-test-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', sendRate: 300, ...options, dataDir });
  return { ...server, dataDir };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-test-'));
}
