// engine.io, the transport under Socket.IO (HTTP long-polling and WebSocket): its settings, and
// this node's sessions, so one can be ended by its id and all of them closed at shutdown.
import { Server as Engine, type Socket as Session } from 'engine.io';
import { limits } from '../../protocol/limits.js';

export class SocketEngine extends Engine {
  constructor(isDraining: () => boolean) {
    super({
      maxHttpBufferSize: limits.maxPacketBytes,
      // Consulted for new sessions only: while shutting down, no new client gets in.
      allowRequest: (_req, callback) => callback(null, !isDraining()),
    });
  }

  /** The open session with this id (the `sid` of its requests), if any. */
  session(id: string): Session | undefined {
    return Object.hasOwn(this.clients, id) ? this.clients[id] : undefined;
  }

  /** Every session of this node that has not closed yet. */
  sessions(): Session[] {
    return Object.values(this.clients);
  }
}
