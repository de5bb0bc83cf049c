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

/**
 * Connects and resolves once the server accepted the socket. `listen` is called before it
 * connects, so nothing the server sends at once (presence) is missed.
 */
export function connect(
  baseUrl: string,
  token: string | undefined,
  listen?: (socket: ClientSocket) => void,
): Promise<ClientSocket> {
  const socket: ClientSocket = io(baseUrl, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  listen?.(socket);
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

/**
 * Not a server event: a marker the tests' own barrier (world.ts `delivered`) emits from the
 * server to one socket. Arriving, it proves everything emitted to that socket before it has.
 */
export const barrierEvent = 'test:barrier';

/** Longest a test waits for an event before it fails: a guard against hanging, not a pause. */
export const eventGuardMs = 10_000;

/** Wakes whoever waits for a condition each time something it depends on changes. */
export class Changes {
  private waiters: Array<() => void> = [];

  notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once `condition` holds, checked now and at each change; fails after `timeoutMs`. */
  async until(condition: () => boolean, what: () => string, timeoutMs = eventGuardMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${what()} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Records every server event a socket receives, in order. */
export class EventLog {
  readonly events: Array<{ event: ServerEvent; payload: any }> = [];
  private readonly changes = new Changes();
  private readonly barriers = new Map<string, () => void>();

  constructor(
    readonly socket: ClientSocket,
    /** Events the test does not want to see (the presence of the world's own helper users). */
    private readonly ignore: (event: ServerEvent, payload: any) => boolean = () => false,
  ) {
    socket.onAny((event: string, payload: unknown) => {
      if (event === barrierEvent) {
        this.barriers.get(payload as string)?.();
        return;
      }
      if (this.ignore(event as ServerEvent, payload)) return;
      this.events.push({ event: event as ServerEvent, payload });
      this.changes.notify();
    });
  }

  of<E extends ServerEvent>(event: E): Array<ServerEventPayload<E>> {
    return this.events.filter((e) => e.event === event).map((e) => e.payload);
  }

  /** Resolves once `condition` holds over the events so far, checked again at each new one. */
  until(condition: () => boolean, what: string, timeoutMs = eventGuardMs): Promise<void> {
    return this.changes.until(condition, () => `${what}; saw ${JSON.stringify(this.events)}`, timeoutMs);
  }

  /** Resolves with the first `event` matching `match`, failing after `timeoutMs`. */
  async waitFor<E extends ServerEvent>(
    event: E,
    match: (payload: ServerEventPayload<E>) => boolean = () => true,
    timeoutMs = eventGuardMs,
  ): Promise<ServerEventPayload<E>> {
    let found: ServerEventPayload<E> | undefined;
    await this.changes.until(
      () => (found = this.of(event).find(match)) !== undefined,
      () => `no ${event} event; saw ${JSON.stringify(this.events)}`,
      timeoutMs,
    );
    return found!;
  }

  /** Resolves when the barrier `token` arrives (register before it is emitted). */
  barrier(token: string, timeoutMs = eventGuardMs): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.barriers.delete(token);
        reject(new Error(`barrier ${token} did not arrive within ${timeoutMs} ms`));
      }, timeoutMs);
      this.barriers.set(token, () => {
        clearTimeout(timer);
        this.barriers.delete(token);
        resolve();
      });
    });
  }

  clear(): void {
    this.events.length = 0;
  }
}
