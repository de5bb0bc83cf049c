// Names and text that could mislead (docs/protocol.md §2): names of nothing visible, with
// invisible characters or line breaks inside, or that look like an existing name (UTS #39
// skeleton); message content of nothing visible. Each is refused and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson, request } from '../support/clients.js';
import { newClientId } from '../support/chat-helpers.js';
import { World } from '../support/world.js';

const password = 'correct horse';

describe('names and text', () => {
  let world: World;
  beforeEach(async () => {
    world = await World.start();
  });
  afterEach(() => world.close());

  const registerAs = (name: string) => postJson(`${world.server.url}/api/register`, { name, password });

  it.each([
    ['only a Hangul filler', '\u3164'],
    ['only blank Braille', '\u2800\u2800'],
    ['a zero-width space inside', 'al\u200Bice'],
    ['a word joiner inside', 'al\u2060ice'],
    ['a byte order mark inside', 'al\uFEFFice'],
    ['a combining grapheme joiner inside', 'al\u034Fice'],
    ['a variation selector inside', 'al\uFE0Fice'],
    ['a line separator inside', 'al\u2028ice'],
    ['a paragraph separator inside', 'al\u2029ice'],
    ['a right-to-left override inside', 'al\u202Eice'],
  ])('refuses a name with %s as bad_request', async (_what, name) => {
    const res = await registerAs(name);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    // Nothing was made: the same name with the character removed is still free.
    expect((await registerAs(name.replace(/[^a-z]/gu, '') || 'someone')).status).toBe(201);
  });

  it('refuses a name that looks like an existing one, and still takes names that only differ', async () => {
    expect((await registerAs('alice')).status).toBe(201);
    for (const lookalike of ['\u0430lice', '\u0410LICE', 'a1ice', 'ａｌｉｃｅ']) {
      const res = await registerAs(lookalike);
      expect(res.status, lookalike).toBe(409);
      expect(res.body.error.code).toBe('conflict');
    }
    expect((await postJson(`${world.server.url}/api/login`, { name: '\u0430lice', password })).status).toBe(401);
    expect((await registerAs('alicia')).status).toBe(201);
    // The other way round too: the Cyrillic name first keeps the Latin one out.
    expect((await registerAs('\u0431ob')).status).toBe(201);
    expect((await registerAs('6ob')).status).toBe(409);
  });

  it('refuses message content made only of invisible characters as bad_request, and stores nothing', async () => {
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    for (const content of ['\u200B', '\u2060\uFEFF', ' \u3164 ', '\u2028\u2029', '\u2800']) {
      const ack = await request(alice.socket, 'message:send', { to: bob.id, clientId: newClientId(), content });
      expect(ack.ok, JSON.stringify(content)).toBe(false);
      expect(ack.error.code).toBe('bad_request');
    }
    // Invisible characters beside visible ones are content like any other.
    const ack = await request(alice.socket, 'message:send', {
      to: bob.id,
      clientId: newClientId(),
      content: 'hi\u200B',
    });
    expect(ack.ok).toBe(true);
    expect(ack.message.seq).toBe(1);
  });
});
