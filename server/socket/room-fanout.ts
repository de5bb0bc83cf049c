// The chat service's fan-out through Socket.IO rooms: a user's sockets, and the sockets viewing a pair.
import type { Server } from 'socket.io';
import type { Fanout } from '../chat/chat-service.js';
import { pairRoom, userRoom, type ServerToClientEvents } from '../../protocol/contract.js';

export function roomFanout(io: Server<never, ServerToClientEvents>): Fanout {
  return {
    toUser(user, event, payload) {
      (io.to(userRoom(user)).emit as (e: string, p: unknown) => void)(event, payload);
    },
    typing(from, to) {
      // The pair room holds the viewing sockets of both sides; the sender's own are left out.
      io.to(pairRoom(from, to)).except(userRoom(from)).emit('typing', { from });
    },
    viewingStarted(socketId, user, peer) {
      io.in(socketId).socketsJoin(pairRoom(user, peer));
    },
    viewingEnded(socketIds, user, peer) {
      io.in(socketIds).socketsLeave(pairRoom(user, peer));
    },
  };
}
