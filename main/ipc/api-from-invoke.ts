// Runtime-neutral (page or preload world; no electron, no Node): builds `window.messenger`
// from two primitives, a request invoker and an event feed.
//
// createMessengerApi must stay SELF-CONTAINED — it may use only its parameters and language
// built-ins, never anything imported or declared elsewhere in this file. The Electron preload
// runs it in the page's world through contextBridge.executeInMainWorld, which serializes the
// function's source: an Error crossing contextBridge keeps only its message, so the errors
// that carry `code` have to be created on the page's side.
import type { MessengerApi } from './contract.js';

/** What the shell gives the page's world: nothing more powerful than the API itself. */
export interface RequestBridge {
  /** Carries one request to the main process; resolves with its IpcResult. */
  invoke(name: string, payload: unknown): Promise<unknown>;
  /** Registers the page's one listener for pushed `{ event, payload }` messages. */
  listen(deliver: (message: unknown) => void): void;
}

/** The rejection of a request: an Error with the Failure's message, `code`, and `field` when the server named one. */
export interface MessengerRequestError extends Error {
  code: string;
  field?: string;
}

/**
 * One function per request name plus `on(event, listener)`, frozen. With `globalKey`, also
 * installs the API on globalThis under that key (read-only), the way a preload exposes it.
 */
export function createMessengerApi(
  bridge: RequestBridge,
  requestNames: readonly string[],
  eventNames: readonly string[],
  globalKey?: string,
): MessengerApi {
  class MessengerError extends Error {
    code: string;
    field?: string;
    constructor(code: string, message: string, field?: unknown) {
      super(message);
      this.name = 'MessengerError';
      this.code = code;
      if (typeof field === 'string') this.field = field;
    }
  }
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

  function unwrap(result: unknown): unknown {
    if (isRecord(result) && result.ok === true) return result.value;
    if (isRecord(result) && result.ok === false && isRecord(result.error)) {
      const { code, message, field } = result.error;
      if (typeof code === 'string' && typeof message === 'string') throw new MessengerError(code, message, field);
    }
    throw new MessengerError('internal', 'The main process answered in an unknown shape.');
  }

  function failed(error: unknown): never {
    const message = isRecord(error) && typeof error.message === 'string' ? error.message : String(error);
    throw new MessengerError('internal', message);
  }

  const api: Record<string, unknown> = {};
  for (const name of requestNames) {
    // Only the first argument crosses: every request takes at most one input object.
    api[name] = (payload?: unknown) => bridge.invoke(name, payload).then(unwrap, failed);
  }

  type Entry = { listener: (payload: unknown) => void };
  const knownEvents = new Set(eventNames);
  const listeners = new Map<string, Set<Entry>>();
  bridge.listen((message) => {
    if (!isRecord(message) || typeof message.event !== 'string') return;
    const entries = listeners.get(message.event);
    if (!entries) return;
    for (const entry of [...entries]) {
      try {
        entry.listener(message.payload);
      } catch (error) {
        // One failing listener must not starve the others; the error still reaches the console.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  });

  api.on = (event: unknown, listener: unknown) => {
    if (typeof event !== 'string' || !knownEvents.has(event) || typeof listener !== 'function') return () => {};
    const entry: Entry = { listener: listener as Entry['listener'] };
    let entries = listeners.get(event);
    if (!entries) listeners.set(event, (entries = new Set()));
    entries.add(entry);
    return () => {
      entries.delete(entry);
    };
  };

  const frozen = Object.freeze(api) as unknown as MessengerApi;
  if (globalKey !== undefined) {
    Object.defineProperty(globalThis, globalKey, {
      value: frozen,
      enumerable: true,
      writable: false,
      configurable: false,
    });
  }
  return frozen;
}
