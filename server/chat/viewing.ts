// Which socket is viewing which chat. A socket views at most one peer at a time; the
// receiver's unread count is judged against this when a message is written.

interface View {
  user: number;
  peer: number;
}

export class Viewing {
  private readonly bySocket = new Map<string, View>();
  private readonly sockets = new Map<string, Set<string>>();

  /** Starts viewing `peer`; returns the view it replaced, if any. */
  start(socketId: string, user: number, peer: number): View | undefined {
    const previous = this.end(socketId);
    this.bySocket.set(socketId, { user, peer });
    const key = viewKey(user, peer);
    let set = this.sockets.get(key);
    if (!set) this.sockets.set(key, (set = new Set()));
    set.add(socketId);
    return previous;
  }

  /** Ends this socket's view; returns what it was viewing. */
  end(socketId: string): View | undefined {
    const view = this.bySocket.get(socketId);
    if (!view) return undefined;
    this.bySocket.delete(socketId);
    const key = viewKey(view.user, view.peer);
    const set = this.sockets.get(key)!;
    set.delete(socketId);
    if (set.size === 0) this.sockets.delete(key);
    return view;
  }

  /** Ends every view of `user` on `peer`; returns the sockets that were viewing. */
  endAll(user: number, peer: number): string[] {
    const ids = [...(this.sockets.get(viewKey(user, peer)) ?? [])];
    for (const id of ids) this.end(id);
    return ids;
  }

  viewedBy(socketId: string): View | undefined {
    return this.bySocket.get(socketId);
  }

  isViewing(user: number, peer: number): boolean {
    return this.sockets.has(viewKey(user, peer));
  }

  /** Every view, by socket (for replicating them to other nodes). */
  entries(): Array<[string, View]> {
    return [...this.bySocket];
  }
}

function viewKey(user: number, peer: number): string {
  return `${user}>${peer}`;
}
