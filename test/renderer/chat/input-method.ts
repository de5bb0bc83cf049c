// Browser runtime (Vitest's Chromium). Types as a person with an input method (e.g. pinyin)
// does, through Chromium's own IME: composing, then committing the chosen characters.
import { cdp, userEvent } from 'vitest/browser';

// The Playwright provider's full CDP types pull Node's into this DOM-only project; this is
// the one call used here.
declare module 'vitest/browser' {
  interface CDPSession {
    send(method: 'Input.imeSetComposition' | 'Input.insertText', params: Record<string, unknown>): Promise<unknown>;
  }
}

/** Composes `typed` in the focused box, presses Enter while composing, then commits `chosen`. */
export async function composeAndPickWithEnter(typed: string, chosen: string): Promise<void> {
  const browser = cdp();
  await browser.send('Input.imeSetComposition', {
    text: typed,
    selectionStart: typed.length,
    selectionEnd: typed.length,
  });
  await userEvent.keyboard('{Enter}');
  await browser.send('Input.insertText', { text: chosen });
}
