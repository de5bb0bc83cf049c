// Node runtime. Entry of the Chromium shell:
// `node --import tsx main/chromium/main.ts [--profile NAME] [--server URL] [--data-dir DIR] [--headless] [--help]`.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, rendererOutDir } from '../build/paths.js';
import { describe } from '../core/log/logger.js';
import { openProfileLog } from '../core/log/profile-log.js';
import { MessengerCore } from '../core/messenger-core.js';
import { profilePaths } from '../core/profile.js';
import { profileDir } from '../launcher/app-paths.js';
import { helpText, readAppOptions, UsageError } from '../launcher/options.js';
import { openChromiumShell, wantsHeadless } from './chromium-shell.js';
import { ensureChromium } from './ensure-chromium.js';
import { chromiumShellHooks } from './open-link.js';
import { lockProfile } from './profile-lock.js';
import { systemDesktopFiles } from './system-files.js';

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** package.json's version: what Settings → About shows. */
function appVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

async function main(): Promise<number> {
  const options = readAppOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(helpText(options.profile, options.dataDir));
    return 0;
  }
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
  const log = openProfileLog(profilePaths(dir).log);
  const { logger } = log;
  try {
    const headless = options.headless || wantsHeadless(process.argv, process.env);
    const version = appVersion();
    logger.info(`Messenger ${version} starting in the Chromium shell${headless ? ' (headless)' : ''}`);
    // Not awaited: Chromium starts while the core reads the profile and its cached chats.
    const bridge = MessengerCore.open({
      profileDir: dir,
      defaultServerUrl: options.serverUrl,
      logger,
      appVersion: version,
      desktop: systemDesktopFiles(),
      shell: chromiumShellHooks(),
    });
    const shell = await openChromiumShell({
      bridge,
      rendererDir: rendererOutDir,
      headless,
      executablePath: chromium.path,
      profileDir: dir,
      logger,
    });
    if (headless) say(`Messenger (profile "${options.profile}") runs headless: no display. Stop it with Ctrl+C.`);
    const stop = () => void shell.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await shell.closed;
    logger.info('closed');
    return 0;
  } catch (error) {
    logger.error('the Chromium shell failed', error);
    say(`(details in ${log.file})`);
    throw error;
  } finally {
    log.close();
    lock.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(error instanceof UsageError ? error.message : `The Chromium shell failed: ${describe(error)}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
