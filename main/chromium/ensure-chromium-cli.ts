// Node runtime. `npm run ensure-chromium`: installs Debian's Chromium and its fonts when missing.
// A file of its own: bundled into the Chromium shell, an "am I the entry?" check in
// ensure-chromium.ts would be true there too.
import { ensureChromium } from './ensure-chromium.js';

const result = ensureChromium();
if (!result.ok) {
  process.stderr.write(`Chromium is not available: ${result.reason}\n`);
  process.exit(1);
}
