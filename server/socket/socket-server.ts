// Socket.IO: token authentication, the user and session rooms, presence changes, and requests
// carried out one at a time per socket, in the order they were sent.
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
import type { SocketEngine } from '../http/engine.js';
import type { InFlight } from '../in-flight.js';
import { isRequestEvent, requests } from './requests.js';

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
}

export function sessionRoom(tokenHash: string): string {
  return `session:${tokenHash}`;
}

/** Socket.IO on an engine the HTTP server's front door hands its /socket.io/ traffic to. */
export function createSocketServer(engine: SocketEngine): MessengerIo {
  const io: MessengerIo = new Server({ serveClient: false });
  io.bind(engine);
  return io;
}

/** Authenticates every socket by its token, then serves its requests. */
export function serveSockets(io: MessengerIo, deps: SocketDeps): void {
  io.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    deps.accounts.authenticate(token).then(
      (session) => {
        socket.data = { user: session.user.id, tokenHash: session.tokenHash };
        next();
      },
      () => {
        deps.logger.debug(`refused a socket without a valid token (connection ${socket.conn.remoteAddress})`);
        next(new Error('unauthorized'));
      },
    );
  });

  io.on('connection', (socket) => onConnection(socket, deps));
}

function onConnection(socket: MessengerSocket, deps: SocketDeps): void {
  const { user, tokenHash } = socket.data;
  const caller = { user, socketId: socket.id };
  void socket.join([userRoom(user), sessionRoom(tokenHash)]);
  if (deps.presence.connected(user)) deps.watchers.changed(user, true);
  deps.logger.info(`user ${user} connected (socket ${socket.id})`);

  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(() => deps.inFlight.track(work));
  };

  // The event name may be a number: Socket.IO's parser accepts `42[1, …]`.
  socket.onAny((event: string | number, ...args: unknown[]) => {
    // Socket.IO hands over the client's callback untyped; what is passed to it is typed here.
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: AckOf<RequestEvent>) => void) : undefined;
    if (typeof event !== 'string' || !isRequestEvent(event)) {
      const reply = failure({ code: 'bad_request', message: `Unknown request "${String(event).slice(0, 40)}".` });
      enqueue(async () => ack?.(reply));
      return;
    }
    const payload: unknown = args[0];
    enqueue(async () => {
      try {
        if (deps.isDraining()) throw new ProtocolError('internal', 'The server is shutting down; try again shortly.');
        const result = await requests[event](deps.service, caller, payload);
        await deps.broadcastsSent?.();
        ack?.({ ok: true, ...result });
      } catch (error) {
        const body = errorBody(error);
        if (body.code === 'internal' && !(error instanceof ProtocolError)) {
          deps.logger.error(`${event} from user ${user} failed`, error);
        }
        ack?.(failure(body));
      }
    });
  });

  socket.on('disconnect', (reason) => {
    deps.service.disconnected(socket.id);
    // Requests still queued may start viewing again; end that once they are done.
    enqueue(async () => deps.service.disconnected(socket.id));
    if (deps.presence.disconnected(user)) deps.watchers.changed(user, false);
    deps.logger.info(`user ${user} disconnected (${reason})`);
  });
}

function failure(error: ErrorBody): AckOf<RequestEvent> {
  return { ok: false, error };
}
