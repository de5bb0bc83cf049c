// A stand-in for socket.io-client behind Connection's seam: the test plays the server and
// the network (accept, refuse, drop, answer, push), and reads what the client asked for.
import type { DisconnectReason, ServerSocket } from '../../../../main/core/connection/server-socket.js';

interface Pending {
  event: string;
  args: readonly unknown[];
  resolve: (ack: unknown) => void;
  reject: (error: Error) => void;
}

export class FakeSocket implements ServerSocket {
  connected = false;
  /** How many times the client asked to connect. */
  connects = 0;
  readonly requests: Pending[] = [];
  readonly notified: Array<{ event: string; args: readonly unknown[] }> = [];
  private readonly connectListeners: Array<() => void> = [];
  private readonly errorListeners: Array<(error: Error) => void> = [];
  private readonly disconnectListeners: Array<(reason: DisconnectReason) => void> = [];
  private readonly eventListeners = new Map<string, (payload: unknown) => void>();

  connect(): void {
    this.connects++;
  }
  disconnect(): void {
    if (this.connected) this.drop('io client disconnect');
  }
  onConnect(listener: () => void): void {
    this.connectListeners.push(listener);
  }
  onConnectError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
  }
  onDisconnect(listener: (reason: DisconnectReason) => void): void {
    this.disconnectListeners.push(listener);
  }
  onEvent(event: string, listener: (payload: unknown) => void): void {
    this.eventListeners.set(event, listener);
  }
  request(event: string, args: readonly unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => this.requests.push({ event, args, resolve, reject }));
  }
  notify(event: string, args: readonly unknown[]): void {
    this.notified.push({ event, args });
  }

  /** The handshake succeeds. */
  accept(): void {
    this.connected = true;
    for (const listener of this.connectListeners) listener();
  }
  /** The handshake fails with this message (`unauthorized`, or a transport error). */
  refuse(message: string): void {
    for (const listener of this.errorListeners) listener(new Error(message));
  }
  /** The connection ends; requests in flight are rejected, as socket.io-client does. */
  drop(reason: DisconnectReason): void {
    this.connected = false;
    for (const pending of this.requests.splice(0)) pending.reject(new Error('socket has been disconnected'));
    for (const listener of this.disconnectListeners) listener(reason);
  }
  /** The server pushes an event. */
  push(event: string, payload: unknown): void {
    this.eventListeners.get(event)?.(payload);
  }
  /** Answers the oldest request still waiting. */
  answer(ack: unknown): Pending {
    const pending = this.requests.shift();
    if (!pending) throw new Error('no request is waiting for an answer');
    pending.resolve(ack);
    return pending;
  }
  get subscribed(): string[] {
    return [...this.eventListeners.keys()];
  }
}
