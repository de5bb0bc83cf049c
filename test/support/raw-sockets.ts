// Sockets opened with any handshake (odd auth, extra headers, other transports), with their
// EventLog attached before the handshake so nothing the server sends first is missed.
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { EventLog, type ClientSocket } from './clients.js';

export interface OpenSocket {
  socket: ClientSocket;
  log: EventLog;
}

export type SocketOpts = Partial<ManagerOptions & SocketOptions>;

/** Remembers every socket it opens so a test can close them all in afterEach. */
export class SocketPool {
  private readonly sockets: ClientSocket[] = [];

  /** Starts a handshake; nothing is awaited. */
  start(url: string, auth: object, options: SocketOpts = {}): OpenSocket {
    const socket: ClientSocket = io(url, {
      auth,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...options,
    });
    this.sockets.push(socket);
    return { socket, log: new EventLog(socket) };
  }

  /** Resolves once connected; rejects with the connect_error. */
  async open(url: string, auth: object, options: SocketOpts = {}): Promise<OpenSocket> {
    const opened = this.start(url, auth, options);
    await new Promise<void>((resolve, reject) => {
      opened.socket.once('connect', () => resolve());
      opened.socket.once('connect_error', (error) => reject(error));
    });
    return opened;
  }

  /**
   * Resolves with the connect_error of a handshake that must be refused; rejects if it
   * connects instead. Reconnection is off (see `start`), so that error is final.
   */
  async refused(url: string, auth: object, options: SocketOpts = {}): Promise<Error> {
    const { socket } = this.start(url, auth, options);
    const error = await new Promise<Error>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('the handshake was accepted')));
      socket.once('connect_error', resolve);
    });
    socket.close();
    return error;
  }

  closeAll(): void {
    for (const socket of this.sockets.splice(0)) socket.close();
  }
}

/** Resolves with the disconnect reason; call it before causing the disconnect. */
export function whenDisconnected(socket: ClientSocket): Promise<string> {
  if (!socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve) => socket.once('disconnect', resolve));
}

/** Writes a raw Socket.IO packet (e.g. `42["disconnect"]`) past the client's own checks. */
export function writeRaw(socket: ClientSocket, packet: string): void {
  const engine = (socket.io as unknown as { engine: { write(data: string): void } }).engine;
  engine.write(packet);
}
