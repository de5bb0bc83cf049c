// Server, socket layer: the packets engine.io flushes together to a WebSocket leave in one
// write. engine.io holds a connection's packets while its previous write is under way, then
// hands them to its transport together, and the transport writes each as its own frame: one
// system call per packet. Under load a connection's flush holds several (a send's ack and
// `message:new`, its peer's `message:new`), and those system calls were the largest cost of a
// send after the store's. Corking the TCP socket around the flush makes them one `writev`.
import type { Socket as TcpSocket } from 'node:net';
import { transports } from 'engine.io';

type Send = (packets: unknown[]) => void;
/** engine.io's websocket transport; `socket` is its ws WebSocket, whose `_socket` is the TCP socket. */
interface WebSocketTransport {
  send: Send;
  socket?: { _socket?: Partial<TcpSocket> };
}

const corked = Symbol('corked flushes');

/** Idempotent; applies to every Socket.IO server of the process (there is one). */
export function corkEachFlush(): void {
  const transport = transports.websocket.prototype as unknown as WebSocketTransport & { [corked]?: true };
  if (transport[corked]) return;
  const send = transport.send;
  transport.send = function (this: WebSocketTransport, packets) {
    const tcp = this.socket?._socket;
    if (packets.length < 2 || !tcp?.cork || !tcp.uncork) {
      send.call(this, packets);
      return;
    }
    tcp.cork();
    try {
      send.call(this, packets);
    } finally {
      tcp.uncork();
    }
  };
  transport[corked] = true;
}
