// Server: where a request stands in its socket's order (docs/protocol.md §6.2). A send may start
// before the socket's previous request has finished, once that one's write is queued in the store.

export interface RequestOrder {
  /**
   * This request's write is queued in the store behind the previous one's: the next request may
   * start. Called at the end of the request at the latest.
   */
  queued: () => void;
  /** Resolves once the previous request is done (answered): what this one emits or answers waits for it. */
  previousDone: Promise<void>;
}
