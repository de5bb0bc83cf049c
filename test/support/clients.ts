// Real socket.io-client clients and HTTP calls, as a third-party client would make them.
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerEvent,
  ServerEventPayload,
  ServerToClientEvents,
  SessionResponse,
} from '../../protocol/contract.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let names = 0;
/** A fresh, valid user name for each call. */
export function uniqueName(prefix = 'user'): string {
  return `${prefix}${process.pid % 1000}_${++names}`;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function register(
  baseUrl: string,
  name = uniqueName(),
  password = 'correct horse',
): Promise<SessionResponse> {
  const { status, body } = await postJson(`${baseUrl}/api/register`, { name, password });
  if (status !== 201) throw new Error(`register ${name}: ${status} ${JSON.stringify(body)}`);
  return body as SessionResponse;
}

/** Connects and resolves once the server accepted the socket. */
export function connect(baseUrl: string, token: string | undefined): Promise<ClientSocket> {
  const socket: ClientSocket = io(baseUrl, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Sends a request event and resolves with its ack. */
export function request(socket: ClientSocket, event: string, payload?: unknown): Promise<any> {
  const emit = socket.emit as unknown as (...args: unknown[]) => void;
  return new Promise((resolve) => {
    if (payload === undefined) emit.call(socket, event, resolve);
    else emit.call(socket, event, payload, resolve);
  });
}

/** Records every server event a socket receives, in order. */
export class EventLog {
  readonly events: Array<{ event: ServerEvent; payload: any }> = [];
  private waiters: Array<() => void> = [];

  constructor(readonly socket: ClientSocket) {
    socket.onAny((event: ServerEvent, payload: unknown) => {
      this.events.push({ event, payload });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  of<E extends ServerEvent>(event: E): Array<ServerEventPayload<E>> {
    return this.events.filter((e) => e.event === event).map((e) => e.payload);
  }

  /** Resolves with the first `event` matching `match`, waiting up to `timeoutMs`. */
  async waitFor<E extends ServerEvent>(
    event: E,
    match: (payload: ServerEventPayload<E>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<ServerEventPayload<E>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.of(event).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${event} event within ${timeoutMs} ms; saw ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  clear(): void {
    this.events.length = 0;
  }
}

/** Lets in-flight events arrive before asserting that something did not happen. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
