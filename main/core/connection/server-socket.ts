// Node runtime. The seam between Connection and socket.io-client: the few calls Connection
// makes, so tests can drive its state machine with a fake socket. Everything that arrives
// through it is `unknown` until Connection has parsed it.
import { io } from 'socket.io-client';

/** The reasons socket.io-client gives for a disconnect that Connection tells apart. */
export type DisconnectReason = 'io server disconnect' | 'io client disconnect' | (string & {});

export interface ServerSocket {
  readonly connected: boolean;
  connect(): void;
  disconnect(): void;
  onConnect(listener: () => void): void;
  onConnectError(listener: (error: Error) => void): void;
  onDisconnect(listener: (reason: DisconnectReason) => void): void;
  onEvent(event: string, listener: (payload: unknown) => void): void;
  /** Emits and resolves with the server's ack; rejects when the socket drops or no ack comes within `timeoutMs`. */
  request(event: string, args: readonly unknown[], timeoutMs: number): Promise<unknown>;
  /** Emits without asking for an ack. */
  notify(event: string, args: readonly unknown[]): void;
}

export type SocketFactory = (serverUrl: string, token: string) => ServerSocket;

/** The real socket: WebSocket only, reconnecting with backoff, opened by `connect()`. */
export const socketIo: SocketFactory = (serverUrl, token) => {
  const socket = io(serverUrl, {
    auth: { token },
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
    autoConnect: false,
  });
  return {
    get connected() {
      return socket.connected;
    },
    connect: () => void socket.connect(),
    disconnect: () => void socket.disconnect(),
    onConnect: (listener) => void socket.on('connect', listener),
    onConnectError: (listener) => void socket.on('connect_error', listener),
    onDisconnect: (listener) => void socket.on('disconnect', listener),
    onEvent: (event, listener) => void socket.on(event, listener),
    request: (event, args, timeoutMs): Promise<unknown> => socket.timeout(timeoutMs).emitWithAck(event, ...args),
    notify: (event, args) => void socket.emit(event, ...args),
  };
};
