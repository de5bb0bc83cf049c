// Node runtime. Connects a ShellBridge to the renderer page: requests come in through one
// Playwright binding, events go out in ordered batches, focus changes are reported back.
// Replies and event batches cross as JSON text: Playwright's own value serializer took
// ~200 ms for the 225 KB snapshot of 1,000 chats, the string ~20 ms.
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import type { ShellBridge } from '../core/bridge.js';
import type { Logger } from '../core/log/logger.js';
import { apiGlobal, eventNames, requestNames, type IpcResult, type Unsubscribe } from '../ipc/contract.js';
import { pageApiSource, type EventEnvelope, type PageApiConfig } from './page-api.js';
import { rendererOrigin } from './renderer-origin.js';

export type BindingSource = Parameters<Parameters<BrowserContext['exposeBinding']>[1]>[0];

export function hiddenName(purpose: string): string {
  return `__messenger_${purpose}_${randomBytes(8).toString('hex')}`;
}

/** Like Electron's sender check: only the renderer's own top frame may call the core. */
export function fromRenderer(source: BindingSource, page: () => Page | null): boolean {
  const renderer = page();
  if (!renderer || source.page !== renderer || source.frame !== renderer.mainFrame()) return false;
  try {
    return new URL(source.frame.url()).origin === rendererOrigin;
  } catch {
    // A frame without a parseable address is not the renderer: refusing is the answer.
    return false;
  }
}

const refused: IpcResult<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'Requests are accepted only from the messenger window.' },
};

/** Installs the API in every page of `context`; events go to the page `rendererPage()` returns. */
export async function exposeBridge(
  context: BrowserContext,
  bridge: ShellBridge,
  rendererPage: () => Page | null,
  logger: Logger,
): Promise<Unsubscribe> {
  const config: PageApiConfig = {
    apiGlobal,
    requestNames,
    eventNames,
    requestBinding: hiddenName('request'),
    focusBinding: hiddenName('focus'),
    eventReceiver: hiddenName('events'),
  };
  await context.exposeBinding(config.requestBinding, async (source, name: unknown, payload: unknown) => {
    if (!fromRenderer(source, rendererPage)) return JSON.stringify(refused);
    return JSON.stringify(await bridge.request(name, payload));
  });
  await context.exposeBinding(config.focusBinding, (source, focused: unknown) => {
    if (fromRenderer(source, rendererPage) && typeof focused === 'boolean') bridge.setWindowFocused(focused);
  });
  await context.addInitScript({ content: pageApiSource(config) });

  const pump = new EventPump(config.eventReceiver, rendererPage, logger);
  return bridge.subscribe((event, payload) => pump.push({ event, payload }));
}

/** Delivers events in order, one page.evaluate per batch, never two at once. */
class EventPump {
  private pending: EventEnvelope[] = [];
  private flushing = false;

  constructor(
    private readonly receiver: string,
    private readonly page: () => Page | null,
    private readonly logger: Logger,
  ) {}

  push(envelope: EventEnvelope): void {
    this.pending.push(envelope);
    if (!this.flushing) void this.flush();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      const page = this.page();
      if (!page || page.isClosed()) continue;
      try {
        await page.evaluate(
          ({ receiver, batch }) => {
            const deliver = (globalThis as unknown as Record<string, ((batch: string) => void) | undefined>)[receiver];
            deliver?.(batch);
          },
          { receiver: this.receiver, batch: JSON.stringify(batch) },
        );
      } catch (error) {
        // The page is loading or closing; it reads the whole state with snapshot() when it starts.
        if (page.isClosed()) this.logger.debug(`${batch.length} events not delivered: the page closed`);
        else this.logger.warn(`${batch.length} events not delivered to the page`, error);
      }
    }
    this.flushing = false;
  }
}
