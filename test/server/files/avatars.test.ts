// Avatars (docs/protocol.md, "Files and avatars"): set, replaced, removed, read by any signed-in
// user, announced with user:updated, carried by users:list, and refused when not an image.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from '../../support/clients.js';
import { gif, httpRequest, pdf, png, stalledRequest } from '../../support/files.js';
import { World, type Person } from '../../support/world.js';

describe('avatars', () => {
  let world: World;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  beforeEach(async () => {
    world = await World.start();
    [alice, bob, carol] = [await world.person('alice'), await world.person('bob'), await world.person('carol')];
    // Bob has a chat with Alice, so he hears of her changes; Carol has none.
    expect((await request(bob.socket, 'message:send', { to: alice.id, clientId: 'hi', content: 'hi' })).ok).toBe(true);
  });
  afterEach(() => world.close());

  const put = (token: string, body: Buffer, headers: Record<string, string | number> = {}) =>
    httpRequest(`${world.url}/api/me/avatar`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-length': body.length, ...headers },
      body,
    });
  const get = (id: string, token?: string, method = 'GET') =>
    httpRequest(`${world.url}/api/avatars/${id}`, {
      method,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  it('sets an avatar any signed-in user can read, tells who shows the user, and lists it', async () => {
    const set = await put(alice.token, png(64, 64));
    expect(set.status).toBe(200);
    const avatar = set.json.avatar as string;
    expect(avatar).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(await bob.log.waitFor('user:updated', (u) => u.avatar === avatar)).toEqual({
      id: alice.id,
      name: alice.name,
      avatar,
    });
    expect(await alice.log.waitFor('user:updated', (u) => u.avatar === avatar)).toMatchObject({ id: alice.id });

    const image = await get(avatar, carol.token);
    expect(image.status).toBe(200);
    expect(image.body.equals(png(64, 64))).toBe(true);
    expect(image.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=31536000, immutable',
    });
    expect((await get(avatar, carol.token, 'HEAD')).status).toBe(200);
    expect((await get(avatar)).status).toBe(401);

    const listed = await request(carol.socket, 'users:list', { query: alice.name });
    expect(listed.users.find((u: any) => u.id === alice.id)).toMatchObject({ avatar });
    expect(
      (await httpRequest(`${world.url}/api/account`, { headers: { authorization: `Bearer ${alice.token}` } })).json,
    ).toMatchObject({ avatar });

    // A new image is a new id; the old one is gone.
    const replaced = await put(alice.token, gif(10, 10));
    expect(replaced.json.avatar).not.toBe(avatar);
    expect((await get(avatar, carol.token)).status).toBe(404);
    expect((await get(replaced.json.avatar, carol.token)).headers['content-type']).toBe('image/gif');

    // Removing it: 204, announced without `avatar`, and the image is gone.
    bob.log.clear();
    const removed = await httpRequest(`${world.url}/api/me/avatar`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(removed.status).toBe(204);
    expect(await bob.log.waitFor('user:updated')).toEqual({ id: alice.id, name: alice.name });
    expect((await get(replaced.json.avatar, carol.token)).status).toBe(404);
  });

  it('refuses what is not a PNG, JPEG, GIF or WebP, anything over 2 MiB, and a missing token', async () => {
    const document = await put(alice.token, pdf());
    expect(document.status).toBe(400);
    expect(document.json.error.code).toBe('bad_request');
    const large = stalledRequest(
      `${world.url}/api/me/avatar`,
      'PUT',
      { authorization: `Bearer ${alice.token}`, 'content-length': 2 * 1024 * 1024 + 1 },
      png(10, 10),
    );
    const refused = await large.answer;
    large.cut();
    expect(refused).toMatchObject({ status: 413, json: { error: { code: 'too_large' } } });
    expect((await put(alice.token, png(10, 10, 2 * 1024 * 1024 - 100))).status).toBe(200);
    expect((await put('nope', png(1, 1))).status).toBe(401);
    expect((await get('no-such-avatar', alice.token)).status).toBe(404);
    await world.delivered(bob.devices);
    // Only the one accepted image was announced.
    expect(bob.log.of('user:updated')).toHaveLength(1);
  });
});
