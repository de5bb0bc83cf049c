// The cluster send limit's bookkeeping, on two ClusterStates linked by an in-memory bus in
// place of Redis: what each node announces, when the other counts it, refunds, and the window.
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterState, type Bus } from '../../server/cluster/cluster-state.js';

/** A pub/sub channel in memory: every message reaches every listener (its sender too) a turn later. */
class MemoryBus {
  readonly published: string[] = [];
  private readonly listeners: Array<(message: string) => void> = [];
  member(): Bus {
    return {
      publish: (message) => {
        this.published.push(message);
        setImmediate(() => this.listeners.forEach((listen) => listen(message)));
      },
      listen: ({ message, ready }) => {
        this.listeners.push(message);
        ready();
      },
    };
  }
  sent(): unknown[] {
    return this.published.map((text) => JSON.parse(text) as { t: string }).filter((m) => m.t === 'sent');
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const noop = () => undefined;

describe('cluster send limit', () => {
  let nodes: ClusterState[] = [];
  afterEach(() => {
    for (const node of nodes) node.stop();
    nodes = [];
  });

  function cluster(sendRate: number) {
    const bus = new MemoryBus();
    nodes = [0, 1].map(() => new ClusterState(bus.member(), { sendRate, onPresence: noop, onViewsEnded: noop }));
    for (const node of nodes) node.start();
    const [a, b] = nodes.map((node) => node.sendLimit) as [ClusterState['sendLimit'], ClusterState['sendLimit']];
    return { bus, a, b };
  }

  it('counts the sends each node admitted on every node, one turn later', async () => {
    const { bus, a, b } = cluster(5);
    const t = 1_000_000;
    expect([a.take(7, t), a.take(7, t + 1), a.take(7, t + 2)]).toEqual([true, true, true]);
    // Batched per turn: one announcement for the three.
    await turn();
    await turn();
    expect(bus.sent()).toEqual([
      {
        n: nodes[0]!.nodeId,
        t: 'sent',
        a: [
          [7, t],
          [7, t + 1],
          [7, t + 2],
        ],
        r: [],
      },
    ]);
    expect([b.take(7, t + 3), b.take(7, t + 4), b.take(7, t + 5)]).toEqual([true, true, false]);
    await turn();
    await turn();
    expect(a.take(7, t + 6)).toBe(false);
    // Other users are not affected.
    expect(b.take(8, t + 6)).toBe(true);
    // The window slides on both nodes: each send leaves it 10 s later.
    expect(b.take(7, t + 10_000)).toBe(true);
    expect(b.take(7, t + 10_000)).toBe(false);
    await turn();
    await turn();
    expect(a.take(7, t + 10_000)).toBe(false);
    expect(a.take(7, t + 10_001)).toBe(true);
  });

  it('gives refunded slots back on every node, and never announces a send refunded in its own turn', async () => {
    const { bus, a, b } = cluster(2);
    const t = 2_000_000;
    expect(a.take(7, t)).toBe(true);
    a.refund(7);
    await turn();
    expect(bus.sent()).toEqual([]);

    expect(a.take(7, t + 1)).toBe(true);
    expect(a.take(7, t + 2)).toBe(true);
    await turn();
    await turn();
    expect(b.take(7, t + 3)).toBe(false);
    a.refund(7);
    await turn();
    await turn();
    expect(bus.sent()).toHaveLength(2);
    expect(b.take(7, t + 4)).toBe(true);
    expect(b.take(7, t + 5)).toBe(false);
  });

  it('announces nothing without a limit', async () => {
    const { bus, a, b } = cluster(0);
    for (let i = 0; i < 10; i++) expect(a.take(7, i)).toBe(true);
    await turn();
    await turn();
    expect(bus.sent()).toEqual([]);
    expect(b.take(7, 11)).toBe(true);
  });

  it('announces the sends of its last turn when the node stops', () => {
    const { bus, a } = cluster(5);
    expect(a.take(7, 1)).toBe(true);
    nodes[0]!.stop();
    expect(bus.sent()).toHaveLength(1);
  });
});
