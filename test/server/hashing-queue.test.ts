// Bounded password hashing: `concurrency` run, `maxWaiting` wait in order, one more is `busy`.
import { describe, expect, it } from 'vitest';
import { HashingQueue, type PasswordHasher } from '../../server/accounts/hashing-queue.js';
import { ProtocolError } from '../../protocol/errors.js';

/** A hasher whose every call waits until the test finishes it, in the order they started. */
function heldHasher() {
  const started: string[] = [];
  const finishers: Array<() => void> = [];
  const held = (text: string) =>
    new Promise<string>((resolve) => {
      started.push(text);
      finishers.push(() => resolve(`h$${text}`));
    });
  const hasher: PasswordHasher = { hash: held, verify: async (text) => (await held(text)) === 'never' };
  return { hasher, started, finishNext: () => finishers.shift()!() };
}

describe('HashingQueue', () => {
  it('runs at most `concurrency` at once, queues `maxWaiting` in order, and refuses one more with busy', async () => {
    const { hasher, started, finishNext } = heldHasher();
    const queue = new HashingQueue(hasher, { concurrency: 2, maxWaiting: 2 });
    const results = ['a', 'b', 'c', 'd'].map((text) => queue.hash(text));
    await expect(queue.hash('e')).rejects.toMatchObject({ code: 'busy' });
    await expect(queue.verify('f', 'x')).rejects.toBeInstanceOf(ProtocolError);
    expect(started).toEqual(['a', 'b']);

    finishNext();
    expect(await results[0]).toBe('h$a');
    expect(started).toEqual(['a', 'b', 'c']);
    // A place in the queue is free again.
    const late = queue.hash('g');
    finishNext();
    finishNext();
    await Promise.all(results.slice(1, 3));
    expect(started).toEqual(['a', 'b', 'c', 'd', 'g']);
    finishNext();
    finishNext();
    expect(await Promise.all([results[3], late])).toEqual(['h$d', 'h$g']);
  });

  it('frees the slot of a hash that failed', async () => {
    let calls = 0;
    const failing: PasswordHasher = {
      hash: () => (calls++ === 0 ? Promise.reject(new Error('scrypt failed')) : Promise.resolve('ok')),
      verify: () => Promise.resolve(false),
    };
    const queue = new HashingQueue(failing, { concurrency: 1, maxWaiting: 0 });
    await expect(queue.hash('a')).rejects.toThrow('scrypt failed');
    expect(await queue.hash('b')).toBe('ok');
  });
});
