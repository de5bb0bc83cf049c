// A server says where its files are once it is listening, and a failed start says nothing of them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/logger.js';
import { startTestServer, tempDir } from '../../support/server.js';

describe('files location at start', () => {
  it('logs the files folder once the server listens', async () => {
    const lines: string[] = [];
    const logger = { ...silentLogger, info: (line: string) => void lines.push(line) };
    const dataDir = tempDir();
    const server = await startTestServer({ dataDir, logger });
    try {
      expect(lines).toContain(`files in ${path.resolve(dataDir, 'files')}`);
    } finally {
      await server.close();
    }
  });
});
