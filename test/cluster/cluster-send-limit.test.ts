// The cluster send limit's bookkeeping, on two ClusterStates linked by an in-memory bus in
// place of Redis: what each node announces, when the other counts it, refunds, and the window.
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterState, type Bus } from '../../server/cluster/cluster-state.js';
import { silentLogger } from '../../server/logger.js';

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
/** A turn for the node to publish its batch, and one for the bus to deliver it. */
const announced = async () => {
  await turn();
  await turn();
};
const noop = () => undefined;

describe('cluster send limit', () => {
  let nodes: ClusterState[] = [];
  afterEach(() => {
    for (const node of nodes) node.stop();
    nodes = [];
  });

  function cluster(sendRate: number) {
    const bus = new MemoryBus();
    nodes = [0, 1].map(
      () => new ClusterState(bus.member(), { logger: silentLogger, sendRate, onPresence: noop, onViewsEnded: noop }),
    );
    for (const node of nodes) node.start();
    const [a, b] = nodes.map((node) => node.sendLimit) as [ClusterState['sendLimit'], ClusterState['sendLimit']];
    return { bus, a, b };
  }

  it('counts the sends each node admitted on every node, one turn later', async () => {
    const { bus, a, b } = cluster(5);
    const t = 1_000_000;
    expect([a.take(7, t).admitted, a.take(7, t + 1).admitted, a.take(7, t + 2).admitted]).toEqual([true, true, true]);
    // Batched per turn: one announcement for the three.
    await announced();
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
    expect([b.take(7, t + 3).admitted, b.take(7, t + 4).admitted, b.take(7, t + 5).admitted]).toEqual([
      true,
      true,
      false,
    ]);
    await announced();
    expect(a.take(7, t + 6).admitted).toBe(false);
    // Other users are not affected.
    expect(b.take(8, t + 6).admitted).toBe(true);
    // The window slides on both nodes: each send leaves it 10 s later.
    expect(b.take(7, t + 10_000).admitted).toBe(true);
    expect(b.take(7, t + 10_000).admitted).toBe(false);
    await announced();
    expect(a.take(7, t + 10_000).admitted).toBe(false);
    expect(a.take(7, t + 10_001).admitted).toBe(true);
  });

  it('gives refunded slots back on every node, and never announces a send refunded in its own turn', async () => {
    const { bus, a, b } = cluster(2);
    const t = 2_000_000;
    expect(a.take(7, t).admitted).toBe(true);
    a.refund(7);
    await turn();
    expect(bus.sent()).toEqual([]);

    expect(a.take(7, t + 1).admitted).toBe(true);
    expect(a.take(7, t + 2).admitted).toBe(true);
    await announced();
    expect(b.take(7, t + 3).admitted).toBe(false);
    a.refund(7);
    await announced();
    expect(bus.sent()).toHaveLength(2);
    expect(b.take(7, t + 4).admitted).toBe(true);
    expect(b.take(7, t + 5).admitted).toBe(false);
  });

  it('tells a refused send how long until the oldest counted send, admitted on either node, leaves', async () => {
    const { a, b } = cluster(3);
    const t = 3_000_000;
    expect(a.take(7, t).admitted).toBe(true);
    await announced();
    expect([b.take(7, t + 1_000).admitted, b.take(7, t + 2_000).admitted]).toEqual([true, true]);
    expect(b.take(7, t + 2_500)).toEqual({ admitted: false, retryAfterMs: 7_500 });
    await announced();
    expect(a.take(7, t + 4_000)).toEqual({ admitted: false, retryAfterMs: 6_000 });
    expect(a.take(7, t + 9_999)).toEqual({ admitted: false, retryAfterMs: 1 });
    expect(a.take(7, t + 10_000).admitted).toBe(true);
  });

  it('counts an overshoot of sends admitted at the same moment on both nodes in the hint', async () => {
    const { a, b } = cluster(2);
    const t = 4_000_000;
    // Each node admits two before hearing of the other's: four counted against a limit of two.
    expect([a.take(7, t).admitted, a.take(7, t + 1).admitted]).toEqual([true, true]);
    expect([b.take(7, t + 2).admitted, b.take(7, t + 3).admitted]).toEqual([true, true]);
    await announced();
    // A slot is free once three of the four have left: when t + 2 does.
    expect(a.take(7, t + 5)).toEqual({ admitted: false, retryAfterMs: 9_997 });
    expect(b.take(7, t + 10_001)).toEqual({ admitted: false, retryAfterMs: 1 });
    expect(b.take(7, t + 10_002).admitted).toBe(true);
  });

  it('announces nothing without a limit', async () => {
    const { bus, a, b } = cluster(0);
    for (let i = 0; i < 10; i++) expect(a.take(7, i).admitted).toBe(true);
    await announced();
    expect(bus.sent()).toEqual([]);
    expect(b.take(7, 11).admitted).toBe(true);
  });

  it('announces the sends of its last turn when the node stops', () => {
    const { bus, a } = cluster(5);
    expect(a.take(7, 1).admitted).toBe(true);
    nodes[0]!.stop();
    expect(bus.sent()).toHaveLength(1);
  });
});
