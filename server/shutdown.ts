// The shutdown sequence of docs/protocol.md §7: stop taking work, finish what is running,
// disconnect the sockets, then close the store.
import type { Server as HttpServer } from 'node:http';
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
  run(parts: ServerParts): Promise<void> {
    this.draining = true;
    return (this.running ??= this.steps(parts));
  }

  private async steps({ httpServer, io, inFlight, link, store }: ServerParts): Promise<void> {
    const httpClosed = new Promise<void>((resolve) => httpServer.once('close', () => resolve()));
    httpServer.close();
    httpServer.closeIdleConnections();
    this.logger.debug('shutdown: no new connections are accepted');
    if (!(await inFlight.idle(this.drainTimeoutMs))) {
      this.logger.warn(`shutdown: requests still running after ${this.drainTimeoutMs} ms; closing anyway`);
    }
    // Requests still queued answer `internal` as soon as they run, all before the next turn.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const open = await disconnectGracefully(io, transportCloseMs);
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
 * Disconnects every socket and waits (up to `timeoutMs`) for its connection to close: the
 * acks already written reach the client before the close frame, where `io.close()` alone
 * would discard them with the connection. Resolves with how many are still open.
 */
async function disconnectGracefully(io: MessengerIo, timeoutMs: number): Promise<number> {
  const connections = [...io.of('/').sockets.values()].map((socket) => socket.conn);
  let open = connections.length;
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    for (const conn of connections) conn.once('close', () => --open === 0 && resolve());
    // Only this node's sockets: with the Redis adapter a plain disconnectSockets reaches every node.
    io.local.disconnectSockets(true);
    timer = setTimeout(resolve, timeoutMs);
  });
  clearTimeout(timer);
  return open;
}
