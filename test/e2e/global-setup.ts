// Before the end-to-end run: Debian's Chromium is installed, the renderer is freshly built
// into out/renderer (what the Chromium shell serves), and old screenshots are gone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../main/build/renderer.config.js';
import { ensureChromium } from '../../main/chromium/ensure-chromium.js';
import { screenshotDir } from './support/screenshots.js';

export default function globalSetup(): void {
  const chromium = ensureChromium();
  if (!chromium.ok) throw new Error(`Chromium is not available: ${chromium.reason}`);
  if (!process.env.E2E_SKIP_BUILD) {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`npm run build failed (status ${build.status ?? build.signal})`);
  }
  if (!fs.existsSync(path.join(repoRoot, 'out', 'renderer', 'index.html')))
    throw new Error('out/renderer/index.html is missing after the build');
  fs.rmSync(screenshotDir, { recursive: true, force: true });
}
