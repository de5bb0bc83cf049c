// Runs inside the renderer page (serialized into an init script), before any of its own
// scripts. The API object itself comes from createMessengerApi, the very function the
// Electron preload runs in the page, so the renderer cannot tell the two shells apart.
import { createMessengerApi, type RequestBridge } from '../ipc/api-from-invoke.js';

export interface PageApiConfig {
  apiGlobal: string;
  requestNames: readonly string[];
  eventNames: readonly string[];
  /** Playwright bindings, taken off the window here so that only the API stays visible. */
  requestBinding: string;
  focusBinding: string;
  /** Where Node delivers event batches (page.evaluate, as JSON text); not enumerable. */
  eventReceiver: string;
}

export interface EventEnvelope {
  event: string;
  payload: unknown;
}

/** The little of the DOM used here: main/ is compiled without DOM types. */
interface PageGlobal {
  addEventListener(type: string, listener: () => void): void;
  document: {
    hasFocus(): boolean;
    visibilityState: string;
    addEventListener(type: string, listener: () => void): void;
  };
}

/** Self-contained on purpose: it is sent to the page as source text, without its module. */
export function installMessengerApi(config: PageApiConfig, createApi: typeof createMessengerApi): void {
  const global = globalThis as unknown as Record<string, unknown>;
  /** Answers with the IpcResult as JSON text. */
  const request = global[config.requestBinding] as (name: string, payload: unknown) => Promise<string>;
  const reportFocus = global[config.focusBinding] as (focused: boolean) => Promise<void>;
  delete global[config.requestBinding];
  delete global[config.focusBinding];
  if (typeof request !== 'function' || config.apiGlobal in global) return;

  let deliver: (message: unknown) => void = () => {};
  const bridge: RequestBridge = {
    invoke: async (name, payload) => JSON.parse(await request(name, payload)) as unknown,
    listen: (listener) => {
      deliver = listener;
    },
  };
  createApi(bridge, config.requestNames, config.eventNames, config.apiGlobal);
  Object.defineProperty(global, config.eventReceiver, {
    value: (batch: string) => {
      for (const message of JSON.parse(batch) as EventEnvelope[]) deliver(message);
    },
  });

  if (typeof reportFocus === 'function') {
    const page = globalThis as unknown as PageGlobal;
    // Fails only while the page closes, when focus no longer matters; this runs in the page,
    // which has no log of its own.
    const send = () =>
      void reportFocus(page.document.hasFocus() && page.document.visibilityState === 'visible').catch(() => undefined);
    page.addEventListener('focus', send);
    page.addEventListener('blur', send);
    page.document.addEventListener('visibilitychange', send);
    page.addEventListener('DOMContentLoaded', send);
  }
}

/**
 * The init script's source. tsx compiles with keepNames, which inserts `__name(...)` calls
 * into function bodies; the shim lets the serialized functions run without their modules.
 */
export function pageApiSource(config: PageApiConfig): string {
  return [
    '(() => {',
    'const __name = (target) => target;',
    `const createApi = (${createMessengerApi.toString()});`,
    `(${installMessengerApi.toString()})(${JSON.stringify(config)}, createApi);`,
    '})();',
  ].join('\n');
}
