// The chat service's fan-out through Socket.IO rooms: a user's sockets, and the sockets viewing a pair.
import type { Server } from 'socket.io';
import type { Fanout } from '../chat/chat-service.js';
import type { UserDeliveries } from '../cluster/user-deliveries.js';
import { pairRoom, userRoom, type ServerToClientEvents } from '../../protocol/contract.js';

/** With several nodes, `deliveries` carries the events addressed to users (one publication per turn). */
export function roomFanout(io: Server<never, ServerToClientEvents>, deliveries?: UserDeliveries): Fanout {
  return {
    toUser(user, event, payload) {
      if (deliveries) deliveries.toUser(user, event, payload);
      else (io.to(userRoom(user)).emit as (e: string, p: unknown) => void)(event, payload);
    },
    typing(from, to) {
      // Published after the message:new events made before it, so it does not overtake them.
      deliveries?.flush();
      // The pair room holds the viewing sockets of both sides; the sender's own are left out.
      io.to(pairRoom(from, to)).except(userRoom(from)).emit('typing', { from });
    },
    // Local on purpose: with the Redis adapter a plain socketsJoin only publishes, and even this
    // node's socket would join when Redis echoes it back, so a typing sent right after the
    // open's ack could miss it. The sockets named here are always this node's; the other nodes
    // end their own sockets' views when the cluster state tells them (cluster/local-state.ts).
    viewingStarted(socketId, user, peer) {
      io.local.in(socketId).socketsJoin(pairRoom(user, peer));
    },
    viewingEnded(socketIds, user, peer) {
      io.local.in(socketIds).socketsLeave(pairRoom(user, peer));
    },
  };
}
