// Node runtime. The one Socket.IO connection to the server: reconnects, reports its state,
// turns acks into typed results or Failures, and hands the core each server event once it
// has been parsed against the contract.
import type { ConnectionState } from '../../ipc/contract.js';
import {
  serverEvents,
  type RequestEvent,
  type RequestOf,
  type ResultOf,
  type ServerEvent,
  type ServerEventPayload,
} from '../../../protocol/contract.js';
import { failure, FailureError } from '../failure.js';
import type { Logger } from '../log/logger.js';
import { realCoreTimers, type CoreTimers } from '../notify/do-not-disturb-end.js';
import { ackSchema, firstIssue, issueForLog, resultSchemas, serverEventSchemas } from '../protocol-schemas.js';
import { offlineGraceMs, shownState } from './offline-grace.js';
import { socketIo, type DisconnectReason, type ServerSocket, type SocketFactory } from './server-socket.js';

/**
 * `offline`, and more precisely: the connection ended while this request waited for its
 * answer. The request itself may be why (the server drops a socket that sends a packet past
 * its limit), so the outbox counts these per message.
 */
export class ConnectionDropped extends FailureError {
  constructor(options?: ErrorOptions) {
    super({ code: 'offline', message: 'The connection dropped.' }, options);
  }
}

/** A request's arguments after its name: none when it takes no payload, optional when it may take one. */
export type PayloadArgs<E extends RequestEvent> =
  RequestOf<E> extends undefined
    ? []
    : undefined extends RequestOf<E>
      ? [payload?: Exclude<RequestOf<E>, undefined>]
      : [payload: RequestOf<E>];

export interface ConnectionDeps {
  serverUrl: string;
  token: string;
  state(state: ConnectionState): void;
  /** Runs after every (re)connect, before the state turns `online`. */
  connected(): Promise<void>;
  event<E extends ServerEvent>(event: E, payload: ServerEventPayload<E>): void;
  /** Told what the server sent that was dropped, and why a catch-up failed. */
  logger: Logger;
  openSocket?: SocketFactory;
  /** The grace period's timer (offline-grace.ts); real timers by default. */
  timers?: CoreTimers;
}

const requestTimeoutMs = 15_000;
/** After a catch-up that failed while still connected: the pause before trying again. */
const catchUpRetryMs = { first: 1000, max: 30_000 };

export class Connection {
  private readonly socket: ServerSocket;
  private current: ConnectionState = 'connecting';
  /** The socket's own state; `current` is what the window is told (offline-grace.ts). */
  private actual: ConnectionState = 'connecting';
  private graceOver = false;
  private graceTimer: unknown;
  private stopped = false;
  private retryWait = catchUpRetryMs.first;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ConnectionDeps) {
    this.socket = (deps.openSocket ?? socketIo)(deps.serverUrl, deps.token);
    for (const event of serverEvents) this.socket.onEvent(event, (payload) => this.receive(event, payload));
    this.socket.onConnect(() => void this.onConnect());
    this.socket.onConnectError((error) => {
      if (error.message !== 'unauthorized' && !this.graceOver && this.actual !== 'offline')
        deps.logger.info(
          `the server does not answer yet (${error.message}); offline is shown if it still does not in ${offlineGraceMs} ms`,
        );
      this.setState(error.message === 'unauthorized' ? 'unauthorized' : 'offline');
    });
    this.socket.onDisconnect((reason) => this.onDisconnect(reason));
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    this.startGrace();
    this.setState('connecting');
    this.socket.connect();
  }

  /** Disconnects for good; no state is reported after this. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.timers.clearTimeout(this.graceTimer);
    this.socket.disconnect();
  }

  /** The server said this session has ended (an HTTP 401): stop, and say so as a refused handshake would. */
  ended(): void {
    this.setState('unauthorized');
    this.stop();
  }

  /** Sends a request and resolves with its result; rejects with a FailureError. */
  async request<E extends RequestEvent>(event: E, ...payload: PayloadArgs<E>): Promise<ResultOf<E>> {
    if (!this.socket.connected) throw failure('offline', 'Not connected to the server.');
    let ack: unknown;
    try {
      ack = await this.socket.request(event, payload, requestTimeoutMs);
    } catch (error) {
      if (this.socket.connected) throw failure('offline', 'The server did not answer in time.', { cause: error });
      throw new ConnectionDropped({ cause: error });
    }
    return readAck(event, ack);
  }

  /** Fire and forget (typing): nothing is sent while offline. */
  notify<E extends RequestEvent>(event: E, ...payload: PayloadArgs<E>): void {
    if (this.socket.connected) this.socket.notify(event, payload);
  }

  private receive<E extends ServerEvent>(event: E, payload: unknown): void {
    const parsed = serverEventSchemas[event].safeParse(payload);
    if (parsed.success) this.deps.event(event, parsed.data);
    else this.deps.logger.warn(`ignored a malformed ${event} event (${issueForLog(parsed.error)})`);
  }

  private async onConnect(): Promise<void> {
    try {
      await this.deps.connected();
    } catch (error) {
      this.deps.logger.caught('catching up', error);
      if (!this.socket.connected) return; // The connection dropped mid-way: socket.io reconnects, catch-up starts over.
      this.socket.disconnect();
      this.retryLater();
      return;
    }
    if (!this.socket.connected) return;
    this.retryWait = catchUpRetryMs.first;
    this.setState('online');
  }

  private onDisconnect(reason: DisconnectReason): void {
    this.setState('offline');
    // socket.io-client comes back by itself after a transport close (e.g. a server restart),
    // but not after the server ended this socket on purpose. Logout does that, and so does a
    // server that ends sockets on shutdown. Going straight to `unauthorized` would sign the
    // user out after such a restart, so one handshake decides: a revoked token answers
    // `unauthorized`, a server that is down is retried by socket.io until it is back.
    if (reason === 'io server disconnect' && !this.stopped) this.start();
  }

  /** Catch-up failed while connected (a bad answer, a server error): try again later, not at once. */
  private retryLater(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped && !this.socket.connected) this.start();
    }, this.retryWait);
    this.retryWait = Math.min(this.retryWait * 2, catchUpRetryMs.max);
  }

  private get timers(): CoreTimers {
    return this.deps.timers ?? realCoreTimers;
  }

  /** Only the first start has a grace period: later ones are reconnections, told as they are. */
  private startGrace(): void {
    if (this.graceOver || this.graceTimer !== undefined) return;
    this.graceTimer = this.timers.setTimeout(() => this.endGrace(), offlineGraceMs);
  }

  private endGrace(): void {
    this.graceOver = true;
    this.timers.clearTimeout(this.graceTimer);
    this.report();
  }

  private setState(state: ConnectionState): void {
    this.actual = state;
    if (state === 'online' && !this.graceOver) this.endGrace();
    else this.report();
  }

  private report(): void {
    const shown = shownState(this.actual, this.graceOver);
    if (this.stopped || shown === this.current) return;
    this.current = shown;
    this.deps.state(shown);
  }
}

/** An ack as a result, or the Failure it carries; an answer off the contract is `internal`. */
function readAck<E extends RequestEvent>(event: E, ack: unknown): ResultOf<E> {
  const parsed = ackSchema.safeParse(ack);
  if (parsed.success && !parsed.data.ok) throw new FailureError(parsed.data.error);
  const result = parsed.success ? resultSchemas[event].safeParse(ack) : parsed;
  if (result.success) return result.data;
  throw failure('internal', `The server's answer to ${event} is not understood (${firstIssue(result.error)}).`);
}
