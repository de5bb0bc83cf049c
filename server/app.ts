// Wires the server together on one port: the store, the cluster link, the chat service, and HTTP
// and Socket.IO behind one front door. startServer() is what cli.ts and the tests run.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Accounts } from './accounts/accounts.js';
import { AccessWatch } from './accounts/access-watch.js';
import { AttemptLog } from './accounts/attempt-log.js';
import { HashingQueue, type HashingLimits, type PasswordHasher } from './accounts/hashing-queue.js';
import { SelfService } from './accounts/self-service.js';
import { startPruning } from './accounts/session-pruning.js';
import { SignInLimits } from './accounts/sign-in-limits.js';
import { userUpdates } from './accounts/user-updates.js';
import { ChatService } from './chat/chat-service.js';
import { heavyReads } from './chat/heavy-reads.js';
import { Presence } from './chat/presence.js';
import { PresenceWatchers } from './chat/presence-watchers.js';
import { realTimers, type Timers } from './timers.js';
import { SendLimit } from './chat/send-limit.js';
import { Viewing } from './chat/viewing.js';
import { defaults, defaultMaxConnections, registrationDefault, type ServerConfig } from './config.js';
import { connectRedis, type RedisLink } from './cluster/redis.js';
import type { DeliveryCounts } from './cluster/user-deliveries.js';
import { SocketEngine } from './http/engine.js';
import { listenBacklog } from './http/accept-queue.js';
import { openFrontDoor } from './http/front-door.js';
import { createHttpApi } from './http/http-api.js';
import type { BlobStore } from './files/blob-store.js';
import { fileRoutes } from './files/file-routes.js';
import { filesLocation, openBlobStore } from './files/open-blob-store.js';
import { startSweeper } from './files/sweeper.js';
import { checkUpdatesDir, updateRoutes } from './updates/update-routes.js';
import { silentLogger, type Logger } from './logger.js';
import { InFlight } from './in-flight.js';
import { Shutdown } from './shutdown.js';
import { roomFanout } from './socket/room-fanout.js';
import { createSocketServer, serveSockets, sessionRoom, type MessengerIo } from './socket/socket-server.js';
import { pairRoom, userRoom, type ServerClosing } from '../protocol/contract.js';
import { nameKey } from '../protocol/schemas.js';
import { limits } from '../protocol/limits.js';
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
  /** Hashes passwords (default scrypt); tests slow it down to fill the queue. */
  passwordHasher?: PasswordHasher;
  /** How many password hashes run and wait at once (hashing-queue.ts). */
  hashingLimits?: HashingLimits;
  /** At most one presence event per user per socket in this long (default 1 s; 0: every change at once). */
  presenceWindowMs?: number;
  /** The clock and timers of presence coalescing and held-back sign-ins (tests drive their own). */
  timers?: Timers;
  /** How long a connection may take to connect with a valid token (default limits.handshakeTimeoutMs). */
  handshakeTimeoutMs?: number;
  /** How long a sign-in refused by its limits is held before its 429 (default 1 s; tests use 0). */
  refusalDelayMs?: number;
  /** How long a socket may stay over its unsent-output limit (default limits.stalledOutputGraceMs). */
  stalledOutputGraceMs?: number;
  /** How often this node reads the access-change log (default 250 ms). */
  accessWatchMs?: number;
  /** The timers of the upload idle timeout (tests drive their own). */
  uploadTimers?: Timers;
}

const dayMs = 24 * 60 * 60 * 1000;

export interface RunningServer {
  url: string;
  port: number;
  io: MessengerIo;
  /** This node's presence watchers (tests read their bookkeeping). */
  watchers: PresenceWatchers;
  /** With Redis: the user deliveries this node published, received and decoded (tests read them). */
  deliveryCounts?: DeliveryCounts;
  /**
   * Stops accepting, finishes requests in flight, tells every socket why (`server:closing`,
   * default: stopped by its owner), closes every connection, closes the store.
   */
  close(notice?: ServerClosing): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? silentLogger;
  const shutdown = new Shutdown(logger, options.drainTimeoutMs ?? 10_000);
  if (options.updatesDir !== undefined) await checkUpdatesDir(options.updatesDir);
  const store = options.store ?? (await openStore(options, logger));
  let blobs: BlobStore;
  try {
    await promoteAdmin(store, options.admin, logger);
    blobs = await openBlobStore(options, store);
  } catch (error) {
    await store.close();
    throw error;
  }
  const engine = new SocketEngine(shutdown.isDraining);
  const io = createSocketServer(engine, options.handshakeTimeoutMs ?? limits.handshakeTimeoutMs);
  const watchers = new PresenceWatchers({
    deliver: (socketId, event) => io.sockets.sockets.get(socketId)?.emit('presence', event),
    windowMs: options.presenceWindowMs,
    timers: options.timers,
  });
  const link = await linkCluster(options, io, watchers, logger).catch(async (error: unknown) => {
    await blobs.close();
    await store.close();
    throw error;
  });
  const httpServer = createServer();
  const { inFlight, accounts, service } = serve({
    options,
    logger,
    store,
    blobs,
    link,
    engine,
    io,
    watchers,
    httpServer,
    isDraining: shutdown.isDraining,
  });
  const pruning = await startPruning(() => accounts.pruneIdleSessions(), logger);
  try {
    await listen(httpServer, options);
  } catch (error) {
    await pruning.stop();
    await link?.close();
    await blobs.close();
    await store.close();
    throw error;
  }
  // Access changes made by `npm run admin` or another node disconnect this node's sockets.
  const access = new AccessWatch({
    store,
    io,
    logger,
    now: options.now ?? Date.now,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.accessWatchMs === undefined ? {} : { intervalMs: options.accessWatchMs }),
    changed: (userId) => service.forgetUser(userId),
  });
  await access.start();
  const sweeper = startSweeper({ store, blobs, logger, now: options.now ?? Date.now });
  logger.info(`files in ${filesLocation(options)}`);
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    io,
    watchers,
    ...(link ? { deliveryCounts: link.deliveries.counts } : {}),
    close: async (notice?: ServerClosing) => {
      await access.stop();
      await pruning.stop();
      await sweeper.stop();
      await shutdown.run({ httpServer, engine, io, inFlight, link, store }, notice);
      await blobs.close();
    },
  };
}

/** --admin names an existing user: they are an admin from now on (a later user registers as one). */
async function promoteAdmin(store: Store, admin: string | undefined, logger: Logger): Promise<void> {
  if (admin === undefined) return;
  if (await store.promoteAdmin(nameKey(admin))) logger.info(`${admin} is an administrator`);
  else logger.info(`${admin} will be an administrator when they register`);
}

/** PostgreSQL when a postgres:// URL is set, else the SQLite file in the data folder. */
function openStore(options: ServerOptions, logger: Logger): Promise<Store> | Store {
  if (options.dbUrl) {
    return PostgresStore.open(options.dbUrl, { onError: (error) => logger.error('postgres connection lost', error) });
  }
  return new SqliteStore(options.dataDir);
}

/**
 * With Redis, Socket.IO broadcasts go through it, and viewing, presence and the sends counted by
 * the send limit are replicated between the nodes; each node tells its own sockets watching a
 * user when that user's cluster-wide presence flips (cluster/cluster-state.ts).
 */
async function linkCluster(
  options: ServerOptions,
  io: MessengerIo,
  watchers: PresenceWatchers,
  logger: Logger,
): Promise<RedisLink | undefined> {
  if (!options.redisUrl) return undefined;
  const link = await connectRedis(
    {
      url: options.redisUrl,
      prefix: options.redisPrefix ?? 'messenger',
      logger,
      heartbeatMs: options.clusterHeartbeatMs,
      sendRate: options.sendRate,
    },
    {
      onPresence: (id, online) => watchers.changed(id, online),
      onViewsEnded: (socketIds, user, peer) => io.local.in(socketIds).socketsLeave(pairRoom(user, peer)),
      localUsers: {
        has: (user) => io.sockets.adapter.rooms.has(userRoom(user)),
        emit: (user, event, payload) =>
          (io.local.to(userRoom(user)).emit as (e: string, p: unknown) => void)(event, payload),
      },
    },
  );
  io.adapter(link.adapter);
  return link;
}

interface ServeDeps {
  options: ServerOptions;
  logger: Logger;
  store: Store;
  blobs: BlobStore;
  link: RedisLink | undefined;
  engine: SocketEngine;
  io: MessengerIo;
  watchers: PresenceWatchers;
  httpServer: HttpServer;
  isDraining: () => boolean;
}

/** Accounts and the chat service, answering the HTTP API and the sockets; returns what tracks their requests. */
function serve({ options, logger, store, blobs, link, engine, io, watchers, httpServer, isDraining }: ServeDeps): {
  inFlight: InFlight;
  accounts: Accounts;
  service: ChatService;
} {
  const presence = link?.state.presence ?? new Presence();
  const now = options.now ?? Date.now;
  const registration = options.registration ?? registrationDefault(options.host);
  const passwords = new HashingQueue(options.passwordHasher, options.hashingLimits);
  const accounts = new Accounts(
    store,
    now,
    passwords,
    { mode: registration, ...(options.admin === undefined ? {} : { adminName: options.admin }) },
    (options.sessionIdleDays ?? defaults.sessionIdleDays!) * dayMs,
  );
  // A session that ends is disconnected at once, on every node (through the Redis adapter).
  const endSessions = (tokenHashes: string[]) => {
    if (tokenHashes.length === 0) return;
    accounts.forget(tokenHashes);
    io.in(tokenHashes.map(sessionRoom)).disconnectSockets(true);
  };
  const announce = userUpdates(store, (rooms, update) => io.to(rooms).emit('user:updated', update));
  const self = new SelfService({
    store,
    passwords,
    now,
    endSessions,
    deleted: (userId) => service.forgetUser(userId),
    announce,
  });
  // With Redis the attempts made on every node count (accounts/attempt-log.ts).
  const signInLimits = new SignInLimits(link?.state.attempts ?? new AttemptLog(), {
    loginRate: options.loginRate ?? defaults.loginRate,
    registerRate: options.registerRate ?? defaults.registerRate,
    now,
  });
  const inFlight = new InFlight();
  const service = new ChatService({
    store,
    presence,
    watchers,
    viewing: link?.state.viewing ?? new Viewing(),
    // With Redis the limit counts the user's sends on every node (cluster/cluster-send-limit.ts).
    sendLimit: link?.state.sendLimit ?? new SendLimit(options.sendRate),
    fanout: roomFanout(io, link?.deliveries),
    now: options.now ?? Date.now,
    heavyReads: heavyReads(),
    windows: { recallMs: options.recallWindowMs, editMs: options.editWindowMs },
  });
  serveSockets(io, {
    accounts,
    service,
    presence,
    watchers,
    inFlight,
    logger,
    isDraining,
    broadcastsSent: link && (() => link.broadcastsSent()),
    stalledOutputGraceMs: options.stalledOutputGraceMs ?? limits.stalledOutputGraceMs,
  });
  const api = createHttpApi({
    accounts,
    self,
    signInLimits,
    trustProxy: options.trustProxy ?? defaults.trustProxy,
    registration,
    ...(options.refusalDelayMs === undefined ? {} : { refusalDelayMs: options.refusalDelayMs }),
    ...(options.timers ? { timers: options.timers } : {}),
    inFlight,
    presence,
    logger,
    isDraining,
    // Logout ends the session for good: a Socket.IO disconnect tells its clients not to come back.
    endSession: (tokenHash) => endSessions([tokenHash]),
    admin: {
      accounts,
      store,
      passwords,
      now,
      // At once on every node (through the Redis adapter); each node's access watch is the backstop.
      endUser: (userId) => io.in(userRoom(userId)).disconnectSockets(true),
    },
    files: fileRoutes({
      accounts,
      store,
      blobs,
      logger,
      maxUploadBytes: (options.maxUploadMb ?? limits.defaultMaxUploadMb) * 1024 * 1024,
      now,
      timers: options.uploadTimers ?? realTimers,
      announce,
    }),
    ...(options.updatesDir === undefined ? {} : { updates: updateRoutes(options.updatesDir, logger) }),
  });
  // Node ends a request still arriving after requestTimeout (300 s): a 100 MB upload over a slow
  // link takes longer. Uploads end themselves when idle for 30 s (files/upload.ts) instead;
  // headersTimeout still bounds a request that never finishes its headers.
  httpServer.requestTimeout = 0;
  openFrontDoor(httpServer, { api, engine, logger, maxConnections: options.maxConnections ?? defaultMaxConnections });
  return { inFlight, accounts, service };
}

function listen(httpServer: HttpServer, { port, host }: ServerOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ port, host, backlog: listenBacklog }, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
}
