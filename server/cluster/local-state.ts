// Server, cluster: this node's own views and presence. Each change is published to the other
// nodes, and each question (is anyone viewing? is the user online?) also consults what the
// other nodes published, through ClusterState (cluster-state.ts).
import { Presence } from '../chat/presence.js';
import { Viewing } from '../chat/viewing.js';
import type { ClusterState } from './cluster-state.js';
import type { ViewTuple } from './envelope.js';

type ViewOf = { user: number; peer: number };

/** This node's views, published to the others; isViewing also consults theirs. */
export class ClusterViewing extends Viewing {
  constructor(private readonly cluster: ClusterState) {
    super();
  }

  override start(socketId: string, user: number, peer: number): ViewOf | undefined {
    const previous = super.start(socketId, user, peer);
    this.cluster.send({ n: this.cluster.nodeId, t: 'view', s: socketId, u: user, p: peer });
    return previous;
  }

  override end(socketId: string): ViewOf | undefined {
    const view = super.end(socketId);
    if (view) this.cluster.send({ n: this.cluster.nodeId, t: 'unview', s: socketId });
    return view;
  }

  /**
   * Ends the views of user>peer on every node; returns this node's sockets that were viewing.
   * The other nodes end their own when they hear `endAll`.
   */
  override endAll(user: number, peer: number): string[] {
    const local = super.endAll(user, peer);
    this.cluster.send({ n: this.cluster.nodeId, t: 'endAll', u: user, p: peer });
    return local;
  }

  /** Ends this node's views of user>peer only. */
  endLocal(user: number, peer: number): string[] {
    return super.endAll(user, peer);
  }

  override isViewing(user: number, peer: number): boolean {
    return super.isViewing(user, peer) || this.cluster.isViewingElsewhere(user, peer);
  }

  localViews(): ViewTuple[] {
    return this.entries().map(([socketId, view]) => [socketId, view.user, view.peer]);
  }
}

/**
 * This node's sockets per user, published to the others. `connected`/`disconnected` never ask
 * the caller to broadcast: ClusterState tells each node's own sockets instead (see above).
 */
export class ClusterPresence extends Presence {
  constructor(private readonly cluster: ClusterState) {
    super();
  }

  override connected(user: number): boolean {
    this.cluster.changePresence(user, () => {
      if (super.connected(user)) this.cluster.send({ n: this.cluster.nodeId, t: 'online', u: user });
    });
    return false;
  }

  override disconnected(user: number): boolean {
    this.cluster.changePresence(user, () => {
      if (super.disconnected(user)) this.cluster.send({ n: this.cluster.nodeId, t: 'offline', u: user });
    });
    return false;
  }

  override isOnline(user: number): boolean {
    return super.isOnline(user) || this.cluster.isOnlineElsewhere(user);
  }

  localUsers(): number[] {
    return this.users();
  }
}
