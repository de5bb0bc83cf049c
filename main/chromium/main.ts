// Node runtime. Entry of the Chromium shell:
// `node --import tsx main/chromium/main.ts [--profile NAME] [--server URL] [--data-dir DIR] [--headless]`.
import fs from 'node:fs';
import path from 'node:path';
import { rendererOutDir } from '../build/renderer.config.js';
import { MessengerCore } from '../core/messenger-core.js';
import { profileDir } from '../launcher/app-paths.js';
import { readAppOptions, UsageError } from '../launcher/options.js';
import { openChromiumShell, wantsHeadless } from './chromium-shell.js';
import { ensureChromium } from './ensure-chromium.js';
import { lockProfile } from './profile-lock.js';

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<number> {
  const options = readAppOptions(process.argv.slice(2));
  if (!fs.existsSync(path.join(rendererOutDir, 'index.html'))) {
    say(`The renderer is not built (${rendererOutDir} is missing): run "npm run build" first.`);
    return 1;
  }
  const chromium = ensureChromium();
  if (!chromium.ok) {
    say(`Chromium is not available: ${chromium.reason}`);
    return 1;
  }
  const dir = profileDir(options.dataDir, options.profile);
  const lock = lockProfile(dir);
  if (!lock) {
    say(`Profile "${options.profile}" is already open in another window (${dir}).`);
    return 1;
  }
  try {
    const headless = options.headless || wantsHeadless(process.argv, process.env);
    const bridge = await MessengerCore.open({ profileDir: dir, defaultServerUrl: options.serverUrl });
    const shell = await openChromiumShell({
      bridge,
      rendererDir: rendererOutDir,
      headless,
      executablePath: chromium.path,
    });
    if (headless) say(`Messenger (profile "${options.profile}") runs headless: no display. Stop it with Ctrl+C.`);
    const stop = () => void shell.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await shell.closed;
    return 0;
  } finally {
    lock.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(
      error instanceof UsageError
        ? error.message
        : `The Chromium shell failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
