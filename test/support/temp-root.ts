// Vitest global setup: the run's temporary files (server data, profiles, logs, the services'
// folders) all go in one folder, removed when the run ends, so runs leave nothing in /tmp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-test-run-'));
  // Others may pass through (not list it): PostgreSQL runs as its own user in a folder inside.
  fs.chmodSync(root, 0o711);
  // os.tmpdir() reads TMPDIR; workers and the processes tests start inherit it.
  process.env.TMPDIR = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
