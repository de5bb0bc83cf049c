import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from '../support/clients.js';
import { World } from '../support/world.js';

describe('smoke', () => {
  let world: World;
  beforeEach(async () => {
    world = await World.start();
  });
  afterEach(() => world.close());

  it('sends a message from one person to another', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const ack = await request(alice.socket, 'message:send', { to: bob.id, clientId: 'c1', content: 'hi' });
    expect(ack.ok).toBe(true);
    expect(ack.message).toMatchObject({ user: alice.id, content: 'hi', seq: 1, clientId: 'c1' });
    const got = await bob.log.waitFor('message:new');
    expect(got.chat).toMatchObject({ user: bob.id, who: alice.id, unread: 1, lastSeq: 1 });
    const unknown = await request(alice.socket, 'nope', {});
    expect(unknown.error.code).toBe('bad_request');
  });
});
