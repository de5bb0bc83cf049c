// Node runtime. The Chromium shell's desktop notifications: the page is granted the web
// Notification API, the core's notifications are shown from the page, and a click brings
// the window forward and opens the chat, as Electron's notifications do.
import type { BrowserContext, Page } from 'playwright-core';
import type { DesktopNotification, ShellBridge } from '../core/bridge.js';
import type { Logger } from '../core/log/logger.js';
import type { Unsubscribe } from '../ipc/contract.js';
import { fromRenderer, hiddenName } from './expose-bridge.js';
import { rendererOrigin } from './renderer-origin.js';

interface PageNotificationConfig {
  /** Where Node hands a notification to the page (page.evaluate, as JSON text); not enumerable. */
  showReceiver: string;
  /** The Playwright binding a click reports through, taken off the window at once. */
  clickBinding: string;
}

interface ShownNotification {
  who: number;
  title: string;
  body: string;
  /** One per chat: a newer message replaces the older notification instead of stacking. */
  tag: string;
}

/** Self-contained on purpose: it is sent to the page as source text, without its module. */
export function installPageNotifications(config: PageNotificationConfig): void {
  const global = globalThis as unknown as Record<string, unknown>;
  const clicked = global[config.clickBinding] as ((who: number) => Promise<void>) | undefined;
  delete global[config.clickBinding];
  if (typeof clicked !== 'function') return;
  Object.defineProperty(global, config.showReceiver, {
    value: (json: string) => {
      const shown = JSON.parse(json) as ShownNotification;
      type PageNotification = { onclick: (() => void) | null; close(): void };
      const Notification = global.Notification as
        (new (title: string, options: { body: string; tag: string }) => PageNotification) | undefined;
      if (typeof Notification !== 'function') return;
      const notification = new Notification(shown.title, { body: shown.body, tag: shown.tag });
      notification.onclick = () => {
        (global.focus as (() => void) | undefined)?.();
        notification.close();
        // Fails only while the page closes; this runs in the page, which has no log of its own.
        void clicked(shown.who).catch(() => undefined);
      };
    },
  });
}

function pageNotificationsSource(config: PageNotificationConfig): string {
  return [
    '(() => {',
    'const __name = (target) => target;',
    `(${installPageNotifications.toString()})(${JSON.stringify(config)});`,
    '})();',
  ].join('\n');
}

/** Shows the core's notifications in `rendererPage()`; a click opens the chat. */
export async function exposeNotifications(
  context: BrowserContext,
  bridge: ShellBridge,
  rendererPage: () => Page | null,
  logger: Logger,
): Promise<Unsubscribe> {
  const config: PageNotificationConfig = { showReceiver: hiddenName('notify'), clickBinding: hiddenName('clicked') };
  await context.grantPermissions(['notifications'], { origin: rendererOrigin });
  await context.exposeBinding(config.clickBinding, async (source, who: unknown) => {
    if (!fromRenderer(source, rendererPage) || typeof who !== 'number' || !Number.isSafeInteger(who)) return;
    await source.page.bringToFront().catch((error: unknown) => logger.caught('bringing the window forward', error));
    bridge.showChat(who);
  });
  await context.addInitScript({ content: pageNotificationsSource(config) });
  return bridge.onNotify((notification) => void show(notification));

  async function show({ who, title, body }: DesktopNotification): Promise<void> {
    const page = rendererPage();
    if (!page || page.isClosed()) return;
    const shown: ShownNotification = { who, title, body, tag: `chat-${who}` };
    try {
      await page.evaluate(
        ({ receiver, json }) => {
          const deliver = (globalThis as unknown as Record<string, ((json: string) => void) | undefined>)[receiver];
          deliver?.(json);
        },
        { receiver: config.showReceiver, json: JSON.stringify(shown) },
      );
    } catch (error) {
      // A page that is loading or closing misses it, as a closed window would.
      if (!page.isClosed()) logger.warn('a notification was not shown', error);
    }
  }
}
