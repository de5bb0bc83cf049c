// Online means at least one connected socket.

export class Presence {
  private readonly sockets = new Map<number, number>();

  /** True when this is the user's first socket. */
  connected(user: number): boolean {
    const count = (this.sockets.get(user) ?? 0) + 1;
    this.sockets.set(user, count);
    return count === 1;
  }

  /** True when this was the user's last socket. */
  disconnected(user: number): boolean {
    const count = (this.sockets.get(user) ?? 0) - 1;
    if (count > 0) {
      this.sockets.set(user, count);
      return false;
    }
    this.sockets.delete(user);
    return true;
  }

  isOnline(user: number): boolean {
    return this.sockets.has(user);
  }

  /** The users with at least one socket (for replicating them to other nodes). */
  users(): number[] {
    return [...this.sockets.keys()];
  }
}
