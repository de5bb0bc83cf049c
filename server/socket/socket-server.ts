// Socket.IO: token authentication, the user and session rooms, presence changes, and requests
// carried out one at a time per socket, in the order they were sent, within its limits.
import { Server, type Socket } from 'socket.io';
import type { Accounts } from '../accounts/accounts.js';
import type { ChatService } from '../chat/chat-service.js';
import type { Presence } from '../chat/presence.js';
import type { PresenceWatchers } from '../chat/presence-watchers.js';
import type { Logger } from '../logger.js';
import {
  userRoom,
  type AckOf,
  type ClientToServerEvents,
  type ErrorBody,
  type RequestEvent,
  type ServerToClientEvents,
} from '../../protocol/contract.js';
import { errorBody, ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';
import type { SocketEngine } from '../http/engine.js';
import { corkEachFlush } from './corked-flushes.js';
import type { InFlight } from '../in-flight.js';
import type { RequestOrder } from '../chat/request-order.js';
import { RequestQueue } from './request-queue.js';
import { isRequestEvent, requests } from './requests.js';
import { UnsentOutput, type OutputRules } from './unsent-output.js';
import { UserSockets } from './user-sockets.js';

export interface SocketData {
  user: number;
  tokenHash: string;
}

export type MessengerIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type MessengerSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketDeps {
  accounts: Accounts;
  service: ChatService;
  presence: Presence;
  /** Who hears a user's presence: only the sockets watching them (`presence:watch`). */
  watchers: PresenceWatchers;
  inFlight: InFlight;
  logger: Logger;
  isDraining: () => boolean;
  /**
   * With several nodes: resolves once the broadcasts made so far have reached Redis (bounded
   * wait), so events a request caused go out to other nodes before its ack does.
   */
  broadcastsSent?: () => Promise<void> | undefined;
  /** How long a socket may stay over its unsent-output limit before it is dropped. */
  stalledOutputGraceMs: number;
}

/** How often a socket over its unsent-output limit is looked at again. */
const outputCheckMs = 100;

/** The answer to a request past the per-socket cap: the same for every socket. */
const queueFull = failure(
  new ProtocolError(
    'rate_limited',
    'Too many requests are waiting on this connection; wait for their answers.',
    limits.fullQueueRetryAfterMs,
  ).toBody(),
);

export function sessionRoom(tokenHash: string): string {
  return `session:${tokenHash}`;
}

/** Socket.IO on an engine the HTTP server's front door hands its /socket.io/ traffic to. */
export function createSocketServer(engine: SocketEngine, handshakeTimeoutMs: number): MessengerIo {
  // A connection that has not connected with a valid token by then is closed.
  const io: MessengerIo = new Server({ serveClient: false, connectTimeout: handshakeTimeoutMs });
  corkEachFlush();
  io.bind(engine);
  return io;
}

/** Authenticates every socket by its token, then serves its requests. */
export function serveSockets(io: MessengerIo, deps: SocketDeps): void {
  const socketsOf = new UserSockets(limits.maxSocketsPerUser);
  io.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    deps.accounts.authenticate(token).then(
      (session) => {
        // Closed while its token was looked up: it would never be let go of below.
        if (socket.conn.readyState !== 'open') return next(new Error('closed'));
        if (!socketsOf.take(session.user.id, socket.id)) {
          deps.logger.debug(`refused a socket of user ${session.user.id}: ${limits.maxSocketsPerUser} are connected`);
          return next(new Error('too_many_sockets'));
        }
        // Let go of in onConnection's 'disconnect': next() connects the socket at once.
        socket.data = { user: session.user.id, tokenHash: session.tokenHash };
        next();
      },
      () => {
        deps.logger.debug(`refused a socket without a valid token (connection ${socket.conn.remoteAddress})`);
        next(new Error('unauthorized'));
      },
    );
  });

  const outputRules: OutputRules = {
    maxBytes: limits.maxUnsentOutputBytes,
    graceMs: deps.stalledOutputGraceMs,
    checkMs: outputCheckMs,
    over: (who, bytes) => deps.logger.debug(`${who} has ${bytes} bytes unsent; holding it`),
    stalled: (who) => deps.logger.warn(`dropped ${who}: too much unsent output for too long`),
  };
  io.on('connection', (socket) => onConnection(socket, deps, { outputRules, socketsOf }));
}

/** What every connection of one server shares. */
interface Shared {
  outputRules: OutputRules;
  socketsOf: UserSockets;
}

function onConnection(socket: MessengerSocket, deps: SocketDeps, { outputRules, socketsOf }: Shared): void {
  const { user, tokenHash } = socket.data;
  const caller = { user, socketId: socket.id };
  void socket.join([userRoom(user), sessionRoom(tokenHash)]);
  if (deps.presence.connected(user)) deps.watchers.changed(user, true);
  // At debug: after a restart every client reconnects at once, and a line per socket on a piped
  // stderr (a blocking write) cost the storm ~25 µs per socket.
  deps.logger.debug(`user ${user} connected (socket ${socket.id})`);

  const output = new UnsentOutput(socket.conn, outputRules, `socket ${socket.id} of user ${user}`);
  const queue = new RequestQueue(limits.maxPendingRequestsPerSocket, () => output.whenWithinLimit(), deps.inFlight);
  const enqueue = (
    work: (order: RequestOrder) => Promise<void>,
    ack: ((reply: AckOf<RequestEvent>) => void) | undefined,
    early = false,
  ) => {
    if (!queue.add(work, early)) ack?.(queueFull);
  };

  // The event name may be a number: Socket.IO's parser accepts `42[1, …]`.
  socket.onAny((event: string | number, ...args: unknown[]) => {
    // Socket.IO hands over the client's callback untyped; what is passed to it is typed here.
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: AckOf<RequestEvent>) => void) : undefined;
    if (typeof event !== 'string' || !isRequestEvent(event)) {
      const reply = failure({ code: 'bad_request', message: `Unknown request "${String(event).slice(0, 40)}".` });
      enqueue(async () => ack?.(reply), ack);
      return;
    }
    const payload: unknown = args[0];
    enqueue(
      async (order) => {
        let reply: AckOf<RequestEvent>;
        try {
          if (deps.isDraining()) throw new ProtocolError('internal', 'The server is shutting down; try again shortly.');
          const result = await requests[event](deps.service, { ...caller, order }, payload);
          if (deps.broadcastsSent) await deps.broadcastsSent();
          reply = { ok: true, ...result };
        } catch (error) {
          const body = errorBody(error);
          if (body.code === 'internal' && !(error instanceof ProtocolError)) {
            deps.logger.error(`${event} from user ${user} failed`, error);
          }
          reply = failure(body);
        }
        // A send started early is answered after the requests before it (§6.2).
        await order.previousDone;
        ack?.(reply);
      },
      ack,
      startsEarly(event),
    );
  });

  socket.on('disconnect', (reason) => {
    socketsOf.release(user, socket.id);
    deps.service.disconnected(socket.id);
    // Requests still queued may start viewing again; end that once they are done.
    queue.after(async () => deps.service.disconnected(socket.id));
    // A client that left its only namespace keeps no reason to hold the connection.
    if (reason === 'client namespace disconnect') socket.conn.close();
    if (deps.presence.disconnected(user)) deps.watchers.changed(user, false);
    deps.logger.debug(`user ${user} disconnected (${reason})`);
  });
}

/** Sends may start once the previous request's write is queued: consecutive ones share a group commit. */
function startsEarly(event: RequestEvent): boolean {
  return event === 'message:send';
}

function failure(error: ErrorBody): AckOf<RequestEvent> {
  return { ok: false, error };
}
