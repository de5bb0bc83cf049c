// Server, cluster: viewing and presence across server nodes. Each node keeps its own sockets'
// views and presence (local-state.ts) and a replica of every other node's, kept up to
// date over one Redis pub/sub channel: a delta for each change, plus a full snapshot from
// every node every `heartbeatMs` and whenever a node (re)joins the channel. So the unread
// judgement inside the store's send transaction (`isViewing`) and the `online` flags stay
// synchronous, in-memory reads.
//
// Consistency: a change made on node B reaches node A one Redis round trip later (well under
// a millisecond on a LAN); a message written on A in that window is judged against what A
// knew. Deltas lost while Redis was unreachable are repaired by the next snapshot, and a node
// that stops sending snapshots (crashed, or cut off) is forgotten after `expireMs`: its users'
// sockets count as gone and its views as ended.
//
// Presence events are edge-triggered per node: every node tells its *own* sockets
// (`onPresence`) when its view of a user's cluster-wide state flips, so each socket hears
// each transition once, from the node it is connected to.
//
// The same channel carries the send limit's announcements (cluster-send-limit.ts): the sends
// each node admitted, so every node's limiter counts a user's sends on all nodes, and the
// sign-in attempts each node saw (accounts/attempt-log.ts), so the sign-in limits hold too.
//
// Whatever arrives on the channel is parsed (envelope.ts) before it touches any state: a
// malformed message is dropped and logged, at most one line per minute however many arrive.
import crypto from 'node:crypto';
import type { Logger } from '../logger.js';
import { AttemptLog } from '../accounts/attempt-log.js';
import { ClusterSendLimit } from './cluster-send-limit.js';
import { DropReport } from './drop-report.js';
import { parseEnvelope, type Envelope, type ViewTuple } from './envelope.js';
import { ClusterPresence, ClusterViewing } from './local-state.js';

/** What the replication needs from Redis: publish on the channel and hear what is published. */
export interface Bus {
  publish(message: string): void;
  /** `ready` is called each time the subscription is (re)established. */
  listen(handlers: { message: (message: string) => void; ready: () => void }): void;
}

export interface ClusterOptions {
  logger: Logger;
  heartbeatMs?: number;
  expireMs?: number;
  /** Sends per user per window, counted over all nodes (0 or unset: no limit). */
  sendRate?: number;
  /** The send limit's sliding window (default 10 s). */
  sendWindowMs?: number;
  /** A user's cluster-wide presence flipped, as this node sees it. */
  onPresence: (user: number, online: boolean) => void;
  /** Another node asked this one to end its sockets' views of user>peer (a chat:delete there). */
  onViewsEnded: (socketIds: string[], user: number, peer: number) => void;
}

interface RemoteNode {
  seen: number;
  views: Map<string, { user: number; peer: number }>;
  online: Set<number>;
}

export class ClusterState {
  readonly nodeId = crypto.randomUUID();
  readonly viewing: ClusterViewing;
  readonly presence: ClusterPresence;
  readonly sendLimit: ClusterSendLimit;
  readonly attempts: AttemptLog;
  private readonly nodes = new Map<string, RemoteNode>();
  /** user>peer → views on other nodes. */
  private readonly remoteViews = new Map<string, number>();
  /** user → other nodes where they are online. */
  private readonly remoteOnline = new Map<number, number>();
  private readonly heartbeatMs: number;
  private readonly expireMs: number;
  private readonly malformed: DropReport;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly bus: Bus,
    private readonly options: ClusterOptions,
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 2_000;
    this.expireMs = options.expireMs ?? this.heartbeatMs * 3 + 1_000;
    this.malformed = new DropReport(options.logger, 'malformed cluster messages');
    this.viewing = new ClusterViewing(this);
    this.presence = new ClusterPresence(this);
    this.sendLimit = new ClusterSendLimit(
      options.sendRate ?? 0,
      (sent, refunded) => this.send({ n: this.nodeId, t: 'sent', a: sent, r: refunded }),
      options.sendWindowMs,
    );
    this.attempts = new AttemptLog((batch) =>
      this.send({ n: this.nodeId, t: 'tries', a: batch.added, r: batch.removed, c: batch.cleared }),
    );
  }

  start(): void {
    this.bus.listen({
      message: (text) => this.receive(text),
      ready: () => {
        // (Re)joined: ask everyone for their state and tell them ours.
        this.send({ n: this.nodeId, t: 'hello' });
        this.sendSnapshot();
      },
    });
    this.timer = setInterval(() => {
      this.sendSnapshot();
      this.expire();
      this.sendLimit.prune(Date.now());
      this.attempts.sweep(Date.now());
    }, this.heartbeatMs);
    this.timer.unref();
  }

  /** Tells the others this node is leaving, and stops. */
  stop(): void {
    if (this.stopped) return;
    // The sends admitted in this turn still count on the other nodes.
    this.sendLimit.flush();
    this.attempts.flush();
    this.stopped = true;
    clearInterval(this.timer);
    this.malformed.stop();
    this.send({ n: this.nodeId, t: 'bye' });
  }

  isViewingElsewhere(user: number, peer: number): boolean {
    return this.remoteViews.has(viewKey(user, peer));
  }

  isOnlineElsewhere(user: number): boolean {
    return this.remoteOnline.has(user);
  }

  /** @internal Called by ClusterViewing and ClusterPresence. */
  send(envelope: Envelope): void {
    if (this.stopped && envelope.t !== 'bye') return;
    this.bus.publish(JSON.stringify(envelope));
  }

  /** @internal Fires onPresence when the user's cluster-wide state flips. */
  changePresence(user: number, mutate: () => void): void {
    const before = this.presence.isOnline(user);
    mutate();
    const after = this.presence.isOnline(user);
    if (before !== after) this.options.onPresence(user, after);
  }

  private sendSnapshot(): void {
    this.send({ n: this.nodeId, t: 'snap', views: this.viewing.localViews(), online: this.presence.localUsers() });
  }

  private receive(text: string): void {
    if (this.stopped) return;
    const parsed = parseEnvelope(text);
    if ('reason' in parsed) return this.malformed.dropped(parsed.reason);
    const message = parsed.envelope;
    if (message.n === this.nodeId) return;
    if (message.t === 'bye') return this.forget(message.n);
    const node = this.node(message.n);
    node.seen = Date.now();
    switch (message.t) {
      case 'hello':
        return this.sendSnapshot();
      case 'view':
        this.dropView(node, message.s);
        node.views.set(message.s, { user: message.u, peer: message.p });
        increment(this.remoteViews, viewKey(message.u, message.p));
        return;
      case 'unview':
        return this.dropView(node, message.s);
      case 'endAll': {
        const ids = this.viewing.endLocal(message.u, message.p);
        if (ids.length > 0) this.options.onViewsEnded(ids, message.u, message.p);
        return;
      }
      case 'online':
        if (!node.online.has(message.u)) this.changePresence(message.u, () => this.addOnline(node, message.u));
        return;
      case 'offline':
        if (node.online.has(message.u)) this.changePresence(message.u, () => this.removeOnline(node, message.u));
        return;
      case 'snap':
        return this.applySnapshot(node, message.views, message.online);
      case 'sent':
        return this.sendLimit.heard(message.n, message.a, message.r);
      case 'tries':
        return this.attempts.heard(message.n, { added: message.a, removed: message.r, cleared: message.c });
    }
  }

  private node(id: string): RemoteNode {
    let node = this.nodes.get(id);
    if (!node) this.nodes.set(id, (node = { seen: Date.now(), views: new Map(), online: new Set() }));
    return node;
  }

  private applySnapshot(node: RemoteNode, views: ViewTuple[], online: number[]): void {
    for (const socketId of [...node.views.keys()]) this.dropView(node, socketId);
    for (const [socketId, user, peer] of views) {
      // A socket listed twice must not count twice.
      this.dropView(node, socketId);
      node.views.set(socketId, { user, peer });
      increment(this.remoteViews, viewKey(user, peer));
    }
    const now = new Set(online);
    for (const user of [...node.online]) {
      if (!now.has(user)) this.changePresence(user, () => this.removeOnline(node, user));
    }
    for (const user of now) {
      if (!node.online.has(user)) this.changePresence(user, () => this.addOnline(node, user));
    }
  }

  private forget(id: string): void {
    const node = this.nodes.get(id);
    if (!node) return;
    this.applySnapshot(node, [], []);
    this.nodes.delete(id);
  }

  private expire(): void {
    const cutoff = Date.now() - this.expireMs;
    for (const [id, node] of [...this.nodes]) if (node.seen < cutoff) this.forget(id);
  }

  private dropView(node: RemoteNode, socketId: string): void {
    const view = node.views.get(socketId);
    if (!view) return;
    node.views.delete(socketId);
    decrement(this.remoteViews, viewKey(view.user, view.peer));
  }

  private addOnline(node: RemoteNode, user: number): void {
    node.online.add(user);
    increment(this.remoteOnline, user);
  }

  private removeOnline(node: RemoteNode, user: number): void {
    node.online.delete(user);
    decrement(this.remoteOnline, user);
  }
}

function viewKey(user: number, peer: number): string {
  return `${user}>${peer}`;
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function decrement<K>(map: Map<K, number>, key: K): void {
  const count = (map.get(key) ?? 0) - 1;
  if (count > 0) map.set(key, count);
  else map.delete(key);
}
