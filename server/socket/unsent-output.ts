// Server, socket layer: how many bytes written to one connection have not yet left this process,
// and a watch that holds back its requests while that is too much (docs/protocol.md §6.2).
import type { Socket as Session } from 'engine.io';

/** The part of a ws WebSocket this watch uses; engine.io's websocket transport keeps one as `socket`. */
interface ReadableWebSocket {
  bufferedAmount: number;
  pause(): void;
  resume(): void;
  terminate(): void;
}

function webSocketOf(session: Session): ReadableWebSocket | undefined {
  const socket = (session.transport as { socket?: Partial<ReadableWebSocket> }).socket;
  return typeof socket?.bufferedAmount === 'number' ? (socket as ReadableWebSocket) : undefined;
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  return data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? data.byteLength : 0;
}

/** One set per server, shared by every connection (nothing per socket but the watch itself). */
export interface OutputRules {
  maxBytes: number;
  /** How long a connection may stay over maxBytes before it is dropped. */
  graceMs: number;
  /** How often the size is looked at again while over. */
  checkMs: number;
  /** It went over the limit: its requests wait, and it is not read from. */
  over(who: string, bytes: number): void;
  /** The grace ran out; the connection has been dropped. */
  stalled(who: string): void;
}

// Shared listeners (`this` is the session) instead of closures per connection: idle sockets
// are most sockets, and each closure costs memory for as long as its socket lives.
const watches = new WeakMap<Session, UnsentOutput>();
function onPacketCreate(this: Session, packet: { data?: unknown }): void {
  watches.get(this)?.created(sizeOf(packet.data));
}
function onFlush(this: Session): void {
  watches.get(this)?.flushed();
}
function onClose(this: Session): void {
  watches.get(this)?.closed();
}

export class UnsentOutput {
  /** Packets engine.io holds until its transport can take them (polling: until the next GET). */
  private waiting = 0;
  private over: { checks: NodeJS.Timeout; grace: NodeJS.Timeout; paused?: ReadableWebSocket } | undefined;
  private waiters: Array<() => void> = [];
  private isClosed = false;

  constructor(
    private readonly session: Session,
    private readonly rules: OutputRules,
    /** Names the connection in reports. */
    private readonly who: string,
  ) {
    watches.set(session, this);
    session.on('packetCreate', onPacketCreate);
    session.on('flush', onFlush);
    session.once('close', onClose);
  }

  created(bytes: number): void {
    this.waiting += bytes;
    if (!this.over && this.bytes() > this.rules.maxBytes) this.startWatching();
  }

  flushed(): void {
    this.waiting = 0;
  }

  closed(): void {
    this.isClosed = true;
    this.stopWatching();
    watches.delete(this.session);
  }

  /** Bytes written but not yet handed to the operating system (WebSocket) or to a poll. */
  bytes(): number {
    return this.waiting + (webSocketOf(this.session)?.bufferedAmount ?? 0);
  }

  /** Resolves once the connection's unsent output is within the limit, or it has closed. */
  whenWithinLimit(): Promise<void> {
    if (this.isClosed || (!this.over && this.bytes() <= this.rules.maxBytes)) return Promise.resolve();
    this.startWatching();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private startWatching(): void {
    if (this.over || this.isClosed) return;
    // Stop reading too: what the client sends meanwhile waits in its own buffers, not in ours.
    const paused = webSocketOf(this.session);
    paused?.pause();
    this.rules.over(this.who, this.bytes());
    this.over = {
      paused,
      checks: setInterval(() => {
        if (this.bytes() <= this.rules.maxBytes) this.stopWatching();
      }, this.rules.checkMs),
      grace: setTimeout(() => this.stalled(), this.rules.graceMs),
    };
  }

  private stopWatching(): void {
    if (this.over) {
      clearInterval(this.over.checks);
      clearTimeout(this.over.grace);
      if (!this.isClosed) this.over.paused?.resume();
      this.over = undefined;
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Drops the connection at once: a close handshake would wait behind the unsent output. */
  private stalled(): void {
    const webSocket = webSocketOf(this.session);
    if (webSocket) webSocket.terminate();
    else this.session.close(true);
    this.rules.stalled(this.who);
  }
}
