// Vitest global setup: the run's temporary files (server data, profiles, logs, the services'
// folders) all go in one folder, removed when the run ends, so runs leave nothing in /tmp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  // Each project runs the global setup again, inside the first one's TMPDIR: keep the first.
  if (process.env.MESSENGER_TEST_RUN_DIR) return () => undefined;
  // Short: Chromium's profile lock is a Unix socket in here, and those paths hold 107 bytes.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-'));
  // Others may pass through (not list it): PostgreSQL runs as its own user in a folder inside.
  fs.chmodSync(root, 0o711);
  process.env.MESSENGER_TEST_RUN_DIR = root;
  // os.tmpdir() reads TMPDIR; workers and the processes tests start inherit it.
  process.env.TMPDIR = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
