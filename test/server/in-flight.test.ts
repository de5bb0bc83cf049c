// The count of requests being carried out, which shutdown waits on (server/in-flight.ts).
import { describe, expect, it } from 'vitest';
import { InFlight } from '../../server/in-flight.js';

describe('InFlight', () => {
  it('is idle once every request counted in has left, by enter() or track()', async () => {
    const inFlight = new InFlight();
    const leave = inFlight.enter();
    let finish!: () => void;
    const tracked = inFlight.track(() => new Promise<void>((resolve) => (finish = resolve)));
    let idle = false;
    const becameIdle = inFlight.idle(60_000).then((value) => (idle = value));
    leave();
    await Promise.resolve();
    expect(idle).toBe(false);
    finish();
    await tracked;
    expect(await becameIdle).toBe(true);
  });

  it('counts a request out once however often its leave is called', async () => {
    const inFlight = new InFlight();
    const first = inFlight.enter();
    const second = inFlight.enter();
    first();
    first();
    let idle = false;
    const becameIdle = inFlight.idle(60_000).then((value) => (idle = value));
    await Promise.resolve();
    expect(idle).toBe(false);
    second();
    expect(await becameIdle).toBe(true);
  });
});
