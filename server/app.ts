// Wires the server together: store, accounts, chat service, HTTP and Socket.IO on one port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Accounts } from './accounts/accounts.js';
import { ChatService } from './chat/chat-service.js';
import { Presence } from './chat/presence.js';
import { SendLimit } from './chat/send-limit.js';
import { Viewing } from './chat/viewing.js';
import type { ServerConfig } from './config.js';
import { connectRedis, type RedisLink } from './cluster/redis.js';
import { createHttpApi } from './http/http-api.js';
import { silentLogger, type Logger } from './logger.js';
import { InFlight } from './in-flight.js';
import { roomFanout } from './socket/room-fanout.js';
import { createSocketServer, serveSockets, sessionRoom, type MessengerIo } from './socket/socket-server.js';
import { pairRoom } from '../protocol/contract.js';
import { PostgresStore } from './store/postgres/postgres-store.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';

export interface ServerOptions extends ServerConfig {
  store?: Store;
  logger?: Logger;
  now?: () => number;
  /** How long shutdown waits for requests in flight. */
  drainTimeoutMs?: number;
  /** Prefix of the Redis channels (default "messenger"); nodes of one deployment share it. */
  redisPrefix?: string;
  /** How often a node sends its full viewing and presence state to the others (default 2 s). */
  clusterHeartbeatMs?: number;
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
  const store = options.store ?? (await openStore(options, logger));
  // With Redis, viewing, presence and the sends counted by the send limit are replicated
  // between the nodes; each node tells its own sockets about presence changes (see
  // cluster/cluster-state.ts).
  const sockets: { io?: MessengerIo } = {};
  let link: RedisLink | undefined;
  if (options.redisUrl) {
    try {
      link = await connectRedis(
        {
          url: options.redisUrl,
          prefix: options.redisPrefix ?? 'messenger',
          logger,
          heartbeatMs: options.clusterHeartbeatMs,
          sendRate: options.sendRate,
        },
        {
          onPresence: (id, online) => sockets.io?.local.emit('presence', { id, online }),
          onViewsEnded: (socketIds, user, peer) => sockets.io?.local.in(socketIds).socketsLeave(pairRoom(user, peer)),
        },
      );
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  const presence = link?.state.presence ?? new Presence();
  const accounts = new Accounts(store, now);
  const inFlight = new InFlight();
  let draining = false;
  const isDraining = () => draining;

  const httpServer = createServer(
    createHttpApi({
      accounts,
      inFlight,
      presence,
      logger,
      isDraining,
      endSession: (tokenHash) => io.in(sessionRoom(tokenHash)).disconnectSockets(true),
    }),
  );
  const io = createSocketServer(httpServer, isDraining);
  if (link) io.adapter(link.adapter);
  sockets.io = io;
  const service = new ChatService({
    store,
    presence,
    viewing: link?.state.viewing ?? new Viewing(),
    // With Redis the limit counts the user's sends on every node (cluster/cluster-send-limit.ts).
    sendLimit: link?.state.sendLimit ?? new SendLimit(options.sendRate),
    fanout: roomFanout(io),
    now,
  });
  serveSockets(io, {
    accounts,
    service,
    presence,
    inFlight,
    logger,
    isDraining,
    broadcastsSent: link && (() => link.broadcastsSent()),
  });

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
        httpServer.closeIdleConnections();
        await inFlight.idle(options.drainTimeoutMs ?? 10_000);
        // Requests still queued answer `internal` as soon as they run, all before the next turn.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await disconnectGracefully(io, 2_000);
        // A keep-alive HTTP connection would otherwise hold the close open.
        httpServer.closeAllConnections();
        // io.close()'s own promise settles before the HTTP server has closed; its callback after.
        await new Promise<void>((resolve) => void io.close(() => resolve()));
        await link?.close();
        await store.close();
      })()),
  };
}

/**
 * Disconnects every socket and waits (up to `timeoutMs`) for its connection to close: the
 * acks already written reach the client before the close frame, where `io.close()` alone
 * would discard them with the connection.
 */
async function disconnectGracefully(io: MessengerIo, timeoutMs: number): Promise<void> {
  const connections = [...io.of('/').sockets.values()].map((socket) => socket.conn);
  const closed = connections
    .filter((conn) => conn.readyState !== 'closed')
    .map((conn) => new Promise<void>((resolve) => conn.once('close', () => resolve())));
  // Only this node's sockets: with the Redis adapter a plain disconnectSockets reaches every node.
  io.local.disconnectSockets(true);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(closed), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

/** PostgreSQL when a postgres:// URL is set, else the SQLite file in the data folder. */
function openStore(options: ServerOptions, logger: Logger): Promise<Store> | Store {
  if (options.dbUrl) {
    return PostgresStore.open(options.dbUrl, { onError: (error) => logger.error('postgres connection lost', error) });
  }
  return new SqliteStore(options.dataDir);
}
