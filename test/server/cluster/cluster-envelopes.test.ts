// What a node does with malformed messages on the cluster channel: drops each one without
// touching its state, logs a flood as one line per interval, and keeps serving valid ones.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClusterState, type Bus } from '../../../server/cluster/cluster-state.js';
import { envelopeLimits } from '../../../server/cluster/envelope.js';
import type { Logger } from '../../../server/logger.js';

/** The channel as one node sees it: what it published, and a way to hand it a message. */
class FakeBus implements Bus {
  readonly published: Array<{ t: string }> = [];
  private hear: ((message: string) => void) | undefined;
  publish(message: string): void {
    this.published.push(JSON.parse(message) as { t: string });
  }
  listen(handlers: { message: (message: string) => void; ready: () => void }): void {
    this.hear = handlers.message;
    handlers.ready();
  }
  deliver(message: unknown): void {
    this.hear!(typeof message === 'string' ? message : JSON.stringify(message));
  }
}

const other = 'node-b';
const ids = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** Malformed messages, one of each kind: not JSON, wrong types, unknown kinds, absurd sizes. */
const malformed: Array<[string, unknown]> = [
  ['not JSON', '{"n": "node-b", "t": '],
  ['JSON null', 'null'],
  ['a JSON string', '"online"'],
  ['a JSON number', '42'],
  ['an array', [{ n: other, t: 'online', u: 7 }]],
  ['an empty object', {}],
  ['no node id', { t: 'online', u: 7 }],
  ['an empty node id', { n: '', t: 'online', u: 7 }],
  ['a node id that is a number', { n: 5, t: 'online', u: 7 }],
  ['a node id of 65 characters', { n: 'x'.repeat(65), t: 'online', u: 7 }],
  ['an unknown kind', { n: other, t: 'explode', u: 7 }],
  ['a kind that is not a string', { n: other, t: ['online'], u: 7 }],
  ['a user id as a string', { n: other, t: 'online', u: '7' }],
  ['a negative user id', { n: other, t: 'online', u: -7 }],
  ['a fractional user id', { n: other, t: 'online', u: 7.5 }],
  ['a user id past the safe integers', { n: other, t: 'online', u: 2 ** 60 }],
  ['a view without its peer', { n: other, t: 'view', s: 'sock', u: 7 }],
  ['a view with a numeric socket', { n: other, t: 'view', s: 12, u: 7, p: 8 }],
  ['a view with a socket id of 65 characters', { n: other, t: 'view', s: 's'.repeat(65), u: 7, p: 8 }],
  ['an unview of null', { n: other, t: 'unview', s: null }],
  ['an endAll of strings', { n: other, t: 'endAll', u: 'a', p: 'b' }],
  ['a snapshot with views not a list', { n: other, t: 'snap', views: 'all', online: [] }],
  ['a snapshot with a short view tuple', { n: other, t: 'snap', views: [['sock', 7]], online: [] }],
  ['a snapshot with an online id of null', { n: other, t: 'snap', views: [], online: [null] }],
  ['a snapshot of absurd size', { n: other, t: 'snap', views: [], online: ids(envelopeLimits.maxEntries + 1) }],
  ['sends with a time of NaN (null in JSON)', { n: other, t: 'sent', a: [[7, NaN]], r: [] }],
  ['sends with a negative time', { n: other, t: 'sent', a: [[7, -1]], r: [] }],
  ['sends without refunds', { n: other, t: 'sent', a: [[7, 1]] }],
  ['a message longer than any real one', `{"n":"${other}","t":"hello","pad":"${'x'.repeat(envelopeLimits.maxChars)}"}`],
];

describe('cluster channel input', () => {
  let bus: FakeBus;
  let node: ClusterState;
  let warnings: string[];
  let presence: Array<[number, boolean]>;
  let viewsEnded: unknown[];

  beforeEach(() => {
    vi.useFakeTimers();
    bus = new FakeBus();
    warnings = [];
    presence = [];
    viewsEnded = [];
    const logger: Logger = {
      debug() {},
      info() {},
      warn: (line) => warnings.push(line),
      error: (line) => warnings.push(line),
    };
    node = new ClusterState(bus, {
      logger,
      sendRate: 2,
      onPresence: (user, online) => presence.push([user, online]),
      onViewsEnded: (socketIds, user, peer) => viewsEnded.push([socketIds, user, peer]),
    });
    node.start();
    bus.published.length = 0;
  });
  afterEach(() => {
    node.stop();
    vi.useRealTimers();
  });

  /** What the node knows of users 7 and 8, and what it did: to compare before and after. */
  function state() {
    return {
      online: [7, 8].map((user) => node.presence.isOnline(user)),
      viewing: node.viewing.isViewing(7, 8),
      admits: node.sendLimit.take(9, Date.now()).admitted,
      presence: [...presence],
      viewsEnded: [...viewsEnded],
      published: bus.published.map((m) => m.t),
    };
  }

  it.each(malformed)('drops %s and changes nothing', (_what, message) => {
    bus.deliver({ n: other, t: 'online', u: 8 });
    const before = state();
    bus.deliver(message);
    expect(state()).toEqual(before);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^dropped one of the malformed cluster messages \(.+\)$/);
  });

  it('logs a flood as one line, then one line with the count per interval', () => {
    for (let i = 0; i < 10_000; i++) bus.deliver(malformed[i % 20]![1]);
    expect(warnings).toHaveLength(1);
    vi.advanceTimersByTime(60_000);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/^dropped 9999 more malformed cluster messages in the last 60 s \(the last one: .+\)$/);
    // Quiet while nothing more arrives; the next one after that is told at once.
    vi.advanceTimersByTime(600_000);
    expect(warnings).toHaveLength(2);
    bus.deliver('not json');
    expect(warnings).toHaveLength(3);
    // Logs carry no part of what was dropped.
    expect(warnings.join('\n')).not.toContain('xxxxxxxx');
  });

  it('keeps serving valid messages after malformed ones', () => {
    for (const [, message] of malformed) bus.deliver(message);

    bus.deliver({ n: other, t: 'hello' });
    expect(bus.published.map((m) => m.t)).toEqual(['snap']);
    bus.deliver({ n: other, t: 'online', u: 7 });
    expect(presence).toEqual([[7, true]]);
    expect(node.presence.isOnline(7)).toBe(true);
    bus.deliver({ n: other, t: 'view', s: 'sock-1', u: 7, p: 8 });
    expect(node.viewing.isViewing(7, 8)).toBe(true);
    bus.deliver({ n: other, t: 'unview', s: 'sock-1' });
    expect(node.viewing.isViewing(7, 8)).toBe(false);
    const now = Date.now();
    bus.deliver({ n: other, t: 'sent', a: [[9, now]], r: [] });
    expect(node.sendLimit.take(9, now).admitted).toBe(true);
    expect(node.sendLimit.take(9, now).admitted).toBe(false);
    bus.deliver({ n: other, t: 'snap', views: [['sock-2', 7, 8]], online: [7, 8] });
    expect(node.viewing.isViewing(7, 8)).toBe(true);
    expect(presence).toEqual([
      [7, true],
      [8, true],
    ]);
    bus.deliver({ n: other, t: 'bye' });
    expect(node.viewing.isViewing(7, 8)).toBe(false);
    expect(presence.slice(2)).toEqual([
      [7, false],
      [8, false],
    ]);
  });

  it('counts a socket listed twice in a snapshot once', () => {
    bus.deliver({
      n: other,
      t: 'snap',
      views: [
        ['sock', 7, 8],
        ['sock', 7, 8],
      ],
      online: [],
    });
    expect(node.viewing.isViewing(7, 8)).toBe(true);
    bus.deliver({ n: other, t: 'unview', s: 'sock' });
    expect(node.viewing.isViewing(7, 8)).toBe(false);
  });
});
