// S11's floor: the same Chromium, started the way the shell starts it (playwright-core, the
// same flags, headless), showing a static page as big as the chat list. The script prints
// "first paint: static at <epoch ms>" on stderr once the page's list is painted, then waits
// for SIGTERM. Plain JavaScript, run with `node --input-type=module -e`: no TypeScript to
// compile before Chromium starts, as there would be with tsx.
//   node --input-type=module -e <staticPageScript> <chromium> <page.html> <user-data-dir> <flags as JSON>
export const staticPageScript = String.raw`
import { chromium } from 'playwright-core';

const [executablePath, file, userDataDir, flags] = process.argv.slice(1);
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: JSON.parse(flags),
  viewport: { width: 1280, height: 800 },
  handleSIGTERM: false,
});
const page = context.pages()[0] ?? (await context.newPage());
await page.exposeBinding('__reportPaint', (_source, paintedAt) => {
  process.stderr.write('first paint: static at ' + Math.round(paintedAt) + '\n');
});
await page.addInitScript(() => {
  const check = () => {
    const row = document.querySelector('li');
    if (!row || row.getClientRects().length === 0) return requestAnimationFrame(check);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => void window.__reportPaint(performance.timeOrigin + performance.now());
    channel.port2.postMessage(0);
  };
  requestAnimationFrame(check);
});
await page.goto('file://' + file);
process.once('SIGTERM', () => void context.close().then(() => process.exit(0)));
`;
