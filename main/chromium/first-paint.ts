// Node runtime. The page tells when it first painted the chat list with a chat in it:
// noticed by a mutation observer in the page, reported once through a binding. The shell logs it,
// and prints it on stderr when MESSENGER_REPORT_PAINT is set (the S11 bench reads it).
import type { BrowserContext, Page } from 'playwright-core';
import type { Logger } from '../core/log/logger.js';
import { fromRenderer, hiddenName } from './expose-bridge.js';

export interface FirstPaint {
  /** What was painted: the chat list with a chat in it. */
  what: 'chat-list';
  /** When, on the system clock (ms since the epoch): the end of the frame that painted it. */
  paintedAt: number;
  /** The same, since the page's navigation started. */
  sinceNavigation: number;
}

/** The line printed on stderr: `first paint: chat-list at <epoch ms> (<ms> after navigation)`. */
export function firstPaintLine(paint: FirstPaint): string {
  return `first paint: ${paint.what} at ${Math.round(paint.paintedAt)} (${Math.round(paint.sinceNavigation)} ms after navigation)`;
}

/**
 * Self-contained on purpose: it is sent to the page as source text. A mutation observer (idle
 * while nothing changes, so a window without chats costs nothing) notices the first chat row
 * in the page; the next frame paints it, and a message posted from that frame's
 * requestAnimationFrame callback runs once it is painted.
 */
export function watchFirstPaint(binding: string): void {
  const global = globalThis as unknown as Record<string, unknown>;
  const report = global[binding] as ((paint: unknown) => Promise<void>) | undefined;
  delete global[binding];
  if (typeof report !== 'function') return;
  type El = { getClientRects(): { length: number } };
  const page = globalThis as unknown as {
    document: { querySelector(selector: string): El | null };
    performance: { now(): number; timeOrigin: number };
    requestAnimationFrame(run: () => void): void;
    MutationObserver: new (changed: () => void) => {
      observe(target: unknown, options: { childList: boolean; subtree: boolean; attributes: boolean }): void;
      disconnect(): void;
    };
    MessageChannel: new () => {
      port1: { onmessage: (() => void) | null };
      port2: { postMessage(value: unknown): void };
    };
  };
  const shown = (selector: string) => (page.document.querySelector(selector)?.getClientRects().length ?? 0) > 0;
  const painted = () => {
    const channel = new page.MessageChannel();
    channel.port1.onmessage = () => {
      const sinceNavigation = page.performance.now();
      // Fails only while the page closes; the page has no log of its own.
      void report({
        what: 'chat-list',
        paintedAt: page.performance.timeOrigin + sinceNavigation,
        sinceNavigation,
      }).catch(() => undefined);
    };
    channel.port2.postMessage(0);
  };
  const observer = new page.MutationObserver(() => {
    if (!shown('[data-testid="chat-row"]')) return;
    observer.disconnect();
    page.requestAnimationFrame(painted);
  });
  observer.observe(page.document, { childList: true, subtree: true, attributes: true });
}

/** Reports the first paint of the renderer page once: to the log, and to stderr if asked. */
export async function reportFirstPaint(
  context: BrowserContext,
  rendererPage: () => Page | null,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const binding = hiddenName('paint');
  let reported = false;
  await context.exposeBinding(binding, (source, paint: unknown) => {
    if (reported || !fromRenderer(source, rendererPage) || !isFirstPaint(paint)) return;
    reported = true;
    logger.info(firstPaintLine(paint));
    if (env.MESSENGER_REPORT_PAINT) process.stderr.write(`${firstPaintLine(paint)}\n`);
  });
  await context.addInitScript({
    content: `(() => { const __name = (target) => target; (${watchFirstPaint.toString()})(${JSON.stringify(binding)}); })();`,
  });
}

function isFirstPaint(value: unknown): value is FirstPaint {
  const paint = value as FirstPaint | null;
  return (
    typeof paint === 'object' &&
    paint !== null &&
    paint.what === 'chat-list' &&
    Number.isFinite(paint.paintedAt) &&
    Number.isFinite(paint.sinceNavigation)
  );
}
