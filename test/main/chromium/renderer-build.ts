// Builds the renderer once per test file into a temporary folder, as `npm run build` would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { rendererBuildOptions } from '../../../main/build/renderer.config.js';

export async function buildRenderer(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-renderer-'));
  await build({ ...rendererBuildOptions(outDir), configFile: false, logLevel: 'warn' });
  return outDir;
}
