// Server, socket layer: each user's connected sockets on this node, so one user cannot hold more
// than its share of connections (docs/protocol.md §6.1).

/** At most `max` per user. */
export class UserSockets {
  private readonly sockets = new Map<number, Set<string>>();

  constructor(private readonly max: number) {}

  take(user: number, socketId: string): boolean {
    const held = this.sockets.get(user) ?? new Set();
    if (held.size >= this.max) return false;
    this.sockets.set(user, held.add(socketId));
    return true;
  }

  release(user: number, socketId: string): void {
    const held = this.sockets.get(user);
    if (held?.delete(socketId) && held.size === 0) this.sockets.delete(user);
  }
}
