// Electron main runtime: `--smoke-test` makes the app quit with 0 once its window has loaded
// (1 if it fails to load, or has not loaded in a minute): the release workflow's proof that a
// built app starts (.github/workflows/release.yml).
import type { WebContents } from 'electron';

export const smokeTestFlag = '--smoke-test';
const loadTimeoutMs = 60_000;

interface Loading {
  webContents: Pick<WebContents, 'once'>;
}

export interface SmokeTestDeps {
  exit(code: number): void;
  report(line: string): void;
  setTimeout(run: () => void, ms: number): void;
}

/** Hooks the window when the flag is given; the window is returned as it is either way. */
export function smokeTested<W extends Loading>(argv: readonly string[], window: W, deps: SmokeTestDeps): W {
  if (!argv.includes(smokeTestFlag)) return window;
  window.webContents.once('did-finish-load', () => {
    deps.report('smoke test: the window loaded');
    deps.exit(0);
  });
  window.webContents.once('did-fail-load', (_event, code, description) => {
    deps.report(`smoke test: the window failed to load (${code} ${description})`);
    deps.exit(1);
  });
  deps.setTimeout(() => {
    deps.report(`smoke test: the window did not load in ${loadTimeoutMs / 1000} s`);
    deps.exit(1);
  }, loadTimeoutMs);
  return window;
}
