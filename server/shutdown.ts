// The shutdown sequence of docs/protocol.md §7: stop taking work, finish what is running, close
// the transports (so clients reconnect by themselves once a server is back), then the store.
import type { Server as HttpServer } from 'node:http';
import type { ServerClosing } from '../protocol/contract.js';
import type { RedisLink } from './cluster/redis.js';
import type { SocketEngine } from './http/engine.js';
import type { InFlight } from './in-flight.js';
import type { Logger } from './logger.js';
import type { MessengerIo } from './socket/socket-server.js';
import type { Store } from './store/store.js';

/** What a running server is made of, taken apart here in order. */
export interface ServerParts {
  httpServer: HttpServer;
  engine: SocketEngine;
  io: MessengerIo;
  inFlight: InFlight;
  link?: RedisLink;
  store: Store;
}

/** How long each connection gets to deliver what was already written to it. */
const transportCloseMs = 2_000;

/** What every connected user is told when nobody said why the server stops. */
export const ownerStopped: ServerClosing = { reason: 'shutdown', message: 'The server was stopped by its owner.' };

export class Shutdown {
  private draining = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly drainTimeoutMs: number,
  ) {}

  /** True from the moment shutdown starts: new connections and requests are refused from then on. */
  readonly isDraining = (): boolean => this.draining;

  /** Runs the sequence once; every call gets the same promise. */
  run(parts: ServerParts, notice: ServerClosing = ownerStopped): Promise<void> {
    this.draining = true;
    return (this.running ??= this.steps(parts, notice));
  }

  private async steps(
    { httpServer, engine, io, inFlight, link, store }: ServerParts,
    notice: ServerClosing,
  ): Promise<void> {
    const httpClosed = new Promise<void>((resolve) => httpServer.once('close', () => resolve()));
    httpServer.close();
    httpServer.closeIdleConnections();
    this.logger.debug('shutdown: no new connections are accepted');
    if (!(await inFlight.idle(this.drainTimeoutMs))) {
      this.logger.warn(`shutdown: requests still running after ${this.drainTimeoutMs} ms; closing anyway`);
    }
    // Requests still queued answer `internal` as soon as they run, all before the next turn.
    await new Promise<void>((resolve) => setImmediate(resolve));
    // Written before the transports close, which deliver what was written first; `local`:
    // in a cluster every node tells its own sockets.
    io.local.emit('server:closing', notice);
    const open = await closeTransports(engine, transportCloseMs);
    if (open > 0) this.logger.warn(`shutdown: ${open} connections did not close within ${transportCloseMs} ms`);
    // A keep-alive HTTP connection would otherwise hold the close open.
    httpServer.closeAllConnections();
    await io.close();
    await httpClosed;
    await link?.close();
    await store.close();
    this.logger.debug('shutdown: done');
  }
}

/**
 * Closes every session's transport once what was already written to it (acks) has gone out,
 * which `io.close()` alone would discard, and waits up to `timeoutMs`; resolves with how many
 * are still open. Only the transport: its client sees `transport close` and reconnects by
 * itself, where a Socket.IO disconnect would tell it to stay away.
 */
async function closeTransports(engine: SocketEngine, timeoutMs: number): Promise<number> {
  const sessions = engine.sessions();
  let open = sessions.length;
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    for (const session of sessions) session.once('close', () => --open === 0 && resolve());
    for (const session of sessions) session.close();
    timer = setTimeout(resolve, timeoutMs);
  });
  clearTimeout(timer);
  return open;
}
