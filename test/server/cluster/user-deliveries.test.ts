// One node's user deliveries (server/cluster/user-deliveries.ts): what a turn makes goes out in
// one publication, local sockets get theirs at once, and what arrives is read only when it names
// a user with a socket here; malformed publications are dropped, logged once, and change nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserDeliveries, type UserEvent } from '../../../server/cluster/user-deliveries.js';
import type { Logger } from '../../../server/logger.js';

describe('user deliveries', () => {
  let published: string[];
  let emitted: Array<[number, UserEvent, unknown]>;
  let warnings: string[];
  let here: Set<number>;
  let node: UserDeliveries;
  const make = (nodeId: string) => {
    const logger: Logger = { debug() {}, info() {}, warn: (l) => warnings.push(l), error: (l) => warnings.push(l) };
    return new UserDeliveries(
      nodeId,
      (message) => published.push(message),
      { has: (user) => here.has(user), emit: (user, event, payload) => emitted.push([user, event, payload]) },
      logger,
    );
  };
  beforeEach(() => {
    vi.useFakeTimers();
    published = [];
    emitted = [];
    warnings = [];
    here = new Set([1]);
    node = make('node-a');
  });
  afterEach(() => {
    node.stop();
    vi.useRealTimers();
  });

  it('emits to local sockets at once and publishes a turn’s events together, once', () => {
    node.toUser(1, 'message:new', { copy: 'sender' });
    node.toUser(2, 'message:new', { copy: 'receiver' });
    expect(emitted).toEqual([
      [1, 'message:new', { copy: 'sender' }],
      [2, 'message:new', { copy: 'receiver' }],
    ]);
    expect(published).toEqual([]);
    vi.runAllTimers();
    expect(published).toEqual([
      'node-a 1 2\n[[1,"message:new",{"copy":"sender"}],[2,"message:new",{"copy":"receiver"}]]',
    ]);
    node.flush();
    vi.runAllTimers();
    expect(published).toHaveLength(1);
  });

  it('tells an ack when the turn’s publication is made, and publishes at once when flushed', async () => {
    expect(node.published()).toBeUndefined();
    node.toUser(1, 'chat:deleted', { who: 2 });
    let told = false;
    const turnEnd = node.published()!.then(() => (told = true));
    node.toUser(1, 'chat:updated', { chat: {} });
    await Promise.resolve();
    expect(told).toBe(false);
    vi.runAllTimers();
    await turnEnd;
    expect(published).toHaveLength(1);

    // A typing event must not overtake them: the fan-out flushes before it.
    node.toUser(1, 'chat:deleted', { who: 3 });
    node.flush();
    expect(published).toHaveLength(2);
    vi.runAllTimers();
    expect(published).toHaveLength(2);
  });

  it('delivers another node’s events only to the users it holds sockets of', () => {
    const other = make('node-b');
    other.toUser(1, 'message:new', { copy: 'sender' });
    other.toUser(2, 'message:new', { copy: 'receiver' });
    other.flush();
    emitted = [];
    node.receive(Buffer.from(published[0]!));
    expect(emitted).toEqual([[1, 'message:new', { copy: 'sender' }]]);
    expect(node.counts).toEqual({ published: 0, received: 1, decoded: 1 });
    other.stop();
  });

  it('leaves undecoded its own publications and those naming no user it holds', () => {
    node.receive(Buffer.from('node-a 1\nnot JSON at all'));
    node.receive(Buffer.from('node-b 2 3\nnot JSON at all'));
    expect(emitted).toEqual([]);
    expect(warnings).toEqual([]);
    expect(node.counts).toEqual({ published: 0, received: 2, decoded: 0 });
  });

  it('drops malformed publications, logs the first and counts the rest, and keeps delivering', () => {
    const bad = [
      'no header line',
      'node-b 1\nnot JSON',
      'node-b 1\n{"not":"a list"}',
      'node-b 1\n[[1,"presence",{}]]',
      'node-b 1\n[["1","message:new",{}]]',
      'node-b 1\n[[1,"message:new",null]]',
      'node-b 1\n[[1,"message:new"]]',
    ];
    for (const message of bad) node.receive(Buffer.from(message));
    expect(emitted).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/dropped one of the malformed user deliveries \(no header line\)/);
    node.receive(Buffer.from('node-b 1\n[[1,"chat:updated",{"chat":{}}]]'));
    expect(emitted).toEqual([[1, 'chat:updated', { chat: {} }]]);
  });
});
