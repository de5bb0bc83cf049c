// Wires the server together: store, accounts, chat service, HTTP and Socket.IO on one port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Accounts } from './accounts/accounts.js';
import { ChatService } from './chat/chat-service.js';
import { Presence } from './chat/presence.js';
import { SendLimit } from './chat/send-limit.js';
import { Viewing } from './chat/viewing.js';
import type { ServerConfig } from './config.js';
import { createHttpApi } from './http/http-api.js';
import { silentLogger, type Logger } from './logger.js';
import { InFlight } from './socket/in-flight.js';
import { roomFanout } from './socket/room-fanout.js';
import { createSocketServer, serveSockets, sessionRoom, type MessengerIo } from './socket/socket-server.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';

export interface ServerOptions extends ServerConfig {
  store?: Store;
  logger?: Logger;
  now?: () => number;
  /** How long shutdown waits for requests in flight. */
  drainTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  io: MessengerIo;
  /** Stops accepting, finishes requests in flight, disconnects everyone, closes the store. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const store = options.store ?? new SqliteStore(options.dataDir);
  const presence = new Presence();
  const accounts = new Accounts(store, now);
  const inFlight = new InFlight();
  let draining = false;
  const isDraining = () => draining;

  const httpServer = createServer(
    createHttpApi({
      accounts,
      presence,
      logger,
      isDraining,
      endSession: (tokenHash) => io.in(sessionRoom(tokenHash)).disconnectSockets(true),
    }),
  );
  const io = createSocketServer(httpServer, isDraining);
  const service = new ChatService({
    store,
    presence,
    viewing: new Viewing(),
    sendLimit: new SendLimit(options.sendRate),
    fanout: roomFanout(io),
    now,
  });
  serveSockets(io, { accounts, service, presence, inFlight, logger, isDraining });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    io,
    close: () =>
      (closing ??= (async () => {
        draining = true;
        httpServer.close();
        await inFlight.idle(options.drainTimeoutMs ?? 10_000);
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        httpServer.closeAllConnections();
        await store.close();
      })()),
  };
}
