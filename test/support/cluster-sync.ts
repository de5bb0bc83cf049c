// Test support, cluster run: proves that every node has heard what each other node published on
// the cluster channel so far (views, presence, the send limit's counts). No client event says
// so; a presence change does, and it travels the same ordered channel behind what came before.
// The watchers watch the markers (`presence:watch`); the test servers send every change at once
// (presenceWindowMs 0, test/support/server.ts), so no flip waits for a coalescing window.
import type { RunningServer } from '../../server/app.js';
import { connect, EventLog, register, request, uniqueName, type ClientSocket } from './clients.js';

/** A helper user with at most one socket, on one node: going on- or offline marks that node. */
interface Marker {
  node: number;
  id: number;
  token: string;
  socket: ClientSocket | undefined;
  changes: number;
}

export class ClusterSync {
  /** The helper users, whose presence the world's devices do not record. */
  readonly helperIds = new Set<number>();
  private ready: Promise<{ watchers: EventLog[]; markers: Marker[] }> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly nodes: RunningServer[],
    /** Sockets to close with the world. */
    private readonly track: (socket: ClientSocket) => void,
  ) {}

  /** Resolves once every node has heard everything the other nodes published before the call. */
  synced(): Promise<void> {
    if (this.nodes.length < 2) return Promise.resolve();
    const run = this.queue.then(async () => {
      const { watchers, markers } = await (this.ready ??= this.setUp());
      await Promise.all(markers.map((marker) => this.flip(marker, watchers)));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One watcher socket on every node, and one marker user per node. */
  private async setUp(): Promise<{ watchers: EventLog[]; markers: Marker[] }> {
    const url = this.nodes[0]!.url;
    const watcher = await register(url, uniqueName('watch'));
    const markers: Marker[] = [];
    for (const [node] of this.nodes.entries()) {
      const session = await register(url, uniqueName('mark'));
      markers.push({ node, id: session.user.id, token: session.token, socket: undefined, changes: 0 });
    }
    for (const id of [watcher.user.id, ...markers.map((m) => m.id)]) this.helperIds.add(id);
    const watchers = await Promise.all(
      this.nodes.map(async (node) => {
        const socket = await connect(node.url, watcher.token);
        this.track(socket);
        const ack = await request(socket, 'presence:watch', { ids: markers.map((marker) => marker.id) });
        if (!ack.ok) throw new Error(`presence:watch failed: ${JSON.stringify(ack)}`);
        return new EventLog(socket);
      }),
    );
    return { watchers, markers };
  }

  /** Takes the marker on- or offline on its node and waits until every other node has told it. */
  private async flip(marker: Marker, watchers: EventLog[]): Promise<void> {
    const online = marker.socket === undefined;
    if (marker.socket) {
      marker.socket.close();
      marker.socket = undefined;
    } else {
      marker.socket = await connect(this.nodes[marker.node]!.url, marker.token);
      this.track(marker.socket);
    }
    const changes = ++marker.changes;
    await Promise.all(
      watchers
        .filter((_, node) => node !== marker.node)
        .map(async (log) => {
          const seen = () => log.of('presence').filter((p) => p.id === marker.id);
          await log.waitFor('presence', () => seen().length >= changes);
          const last = seen()[changes - 1]!;
          if (last.online !== online) throw new Error(`marker ${marker.id} went ${last.online ? 'on' : 'off'}line`);
        }),
    );
  }
}
