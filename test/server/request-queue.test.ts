// RequestQueue (docs/protocol.md §6.2): a send starts once the previous request's write is
// queued; anything else waits until the previous request is done.
import { describe, expect, it } from 'vitest';
import type { RequestOrder } from '../../server/chat/request-order.js';
import { InFlight } from '../../server/in-flight.js';
import { RequestQueue } from '../../server/socket/request-queue.js';

/** A request the test finishes by hand, recording when it started. */
function held(log: string[], name: string) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let order: RequestOrder | undefined;
  let started!: () => void;
  const startedHere = new Promise<void>((resolve) => (started = resolve));
  const work = async (given: RequestOrder) => {
    order = given;
    log.push(`${name} started`);
    started();
    await finished;
    await given.previousDone;
    log.push(`${name} done`);
  };
  return { work, finish, started: startedHere, order: () => order! };
}

const ready = () => Promise.resolve();

describe('RequestQueue', () => {
  it('starts an early request once the one before is queued, and finishes them in order', async () => {
    const log: string[] = [];
    const queue = new RequestQueue(32, ready, new InFlight());
    const first = held(log, 'first');
    const second = held(log, 'second');
    queue.add(first.work, true);
    queue.add(second.work, true);
    await first.started;
    expect(log).toEqual(['first started']);
    first.order().queued();
    await second.started;
    expect(log).toEqual(['first started', 'second started']);
    second.finish();
    first.finish();
    await new Promise<void>((resolve) => queue.after(async () => resolve()));
    expect(log).toEqual(['first started', 'second started', 'first done', 'second done']);
  });

  it('starts any other request only once the one before is done', async () => {
    const log: string[] = [];
    const queue = new RequestQueue(32, ready, new InFlight());
    const send = held(log, 'send');
    const other = held(log, 'other');
    const later = held(log, 'later send');
    queue.add(send.work, true);
    queue.add(other.work);
    queue.add(later.work, true);
    await send.started;
    send.order().queued();
    send.finish();
    await other.started;
    expect(log).toEqual(['send started', 'send done', 'other started']);
    // The request before the early one is not queued in the store: the early one waits for its end.
    other.finish();
    await later.started;
    later.finish();
    await new Promise<void>((resolve) => queue.after(async () => resolve()));
    expect(log).toEqual([
      'send started',
      'send done',
      'other started',
      'other done',
      'later send started',
      'later send done',
    ]);
  });

  it('counts early requests against the limit until they are done', async () => {
    const queue = new RequestQueue(2, ready, new InFlight());
    const log: string[] = [];
    const first = held(log, 'first');
    expect(queue.add(first.work, true)).toBe(true);
    expect(queue.add(held(log, 'second').work, true)).toBe(true);
    await first.started;
    first.order().queued();
    expect(queue.add(held(log, 'third').work, true)).toBe(false);
  });

  it('counts a request in flight from its start until it is done, which shutdown waits for', async () => {
    const inFlight = new InFlight();
    const queue = new RequestQueue(32, ready, inFlight);
    const log: string[] = [];
    const only = held(log, 'only');
    queue.add(only.work);
    await only.started;
    let idle = false;
    const becameIdle = inFlight.idle(60_000).then((value) => (idle = value));
    await Promise.resolve();
    expect(idle).toBe(false);
    only.finish();
    expect(await becameIdle).toBe(true);
    expect(log).toEqual(['only started', 'only done']);
  });
});
