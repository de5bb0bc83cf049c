// The one Socket.IO connection to the server: reconnects with backoff, reports its state,
// turns acks into results or Failures, and hands server events to the core.
import { io, type Socket } from 'socket.io-client';
import type { ConnectionState } from '../../ipc/contract.js';
import {
  serverEvents,
  type Ack,
  type ClientToServerEvents,
  type RequestEvent,
  type ServerEvent,
  type ServerEventPayload,
  type ServerToClientEvents,
} from '../../../protocol/contract.js';
import { FailureError } from '../failure.js';

export type ServerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type AckFnOf<E extends RequestEvent> = Extract<Parameters<ClientToServerEvents[E]>[number], (ack: never) => void>;
/** The success result a request's ack carries. */
export type AckResult<E extends RequestEvent> = AckFnOf<E> extends (ack: Ack<infer R>) => void ? R : never;

export interface ConnectionHandlers {
  state(state: ConnectionState): void;
  /** Runs after every (re)connect, before the state turns `online`. */
  connected(): Promise<void>;
  event<E extends ServerEvent>(event: E, payload: ServerEventPayload<E>): void;
}

function offline(message: string): FailureError {
  return new FailureError({ code: 'offline', message });
}

const requestTimeoutMs = 15_000;

export class Connection {
  private readonly socket: ServerSocket;
  private current: ConnectionState = 'connecting';
  private stopped = false;

  constructor(
    serverUrl: string,
    token: string,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.socket = io(serverUrl, {
      auth: { token },
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      autoConnect: false,
    });
    for (const event of serverEvents) {
      this.socket.on(event, ((payload: never) => this.handlers.event(event, payload)) as never);
    }
    this.socket.on('connect', () => void this.onConnect());
    this.socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') this.setState('unauthorized');
      else this.setState('offline');
    });
    this.socket.on('disconnect', (reason) => {
      this.setState('offline');
      // The server ends sockets when it shuts down; come back once it is up again. A revoked
      // token then fails the handshake with `unauthorized`.
      if (reason === 'io server disconnect' && !this.stopped) setTimeout(() => this.reconnect(), 1000);
    });
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    this.setState('connecting');
    this.socket.connect();
  }

  stop(): void {
    this.stopped = true;
    this.socket.disconnect();
  }

  /** Sends a request and resolves with its result; rejects with a FailureError. */
  request<E extends RequestEvent>(event: E, payload?: unknown): Promise<AckResult<E>> {
    if (!this.socket.connected) {
      return Promise.reject(offline('Not connected to the server.'));
    }
    const timed = this.socket.timeout(requestTimeoutMs) as unknown as { emit(...args: unknown[]): void };
    return new Promise((resolve, reject) => {
      const onAck = (error: Error | null, ack: Ack<AckResult<E>>) => {
        if (error) reject(offline('The server did not answer in time.'));
        else if (ack.ok) resolve(ack);
        else reject(new FailureError(ack.error));
      };
      if (payload === undefined) timed.emit(event, onAck);
      else timed.emit(event, payload, onAck);
    });
  }

  /** Fire and forget (typing). */
  notify<E extends RequestEvent>(event: E, payload: unknown): void {
    if (this.socket.connected) (this.socket.emit as unknown as (e: string, p: unknown) => void)(event, payload);
  }

  private reconnect(): void {
    if (this.stopped || this.socket.connected) return;
    this.setState('connecting');
    this.socket.connect();
  }

  private async onConnect(): Promise<void> {
    try {
      await this.handlers.connected();
      if (this.socket.connected) this.setState('online');
    } catch {
      // Catching up failed half-way (the connection dropped): the next connect starts over.
      if (this.socket.connected) this.socket.disconnect().connect();
    }
  }

  private setState(state: ConnectionState): void {
    if (this.stopped && state !== 'offline') return;
    if (state === this.current) return;
    this.current = state;
    this.handlers.state(state);
  }
}
