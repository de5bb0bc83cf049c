// The signed-in user's own account through the client core, against the real server: who they
// are, sessions with device labels, ending them, a password change, a rename and deleting the
// account, and what the other devices and the peers see of each.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deviceLabel } from '../../../../main/core/account/device-label.js';
import { profilePaths } from '../../../../main/core/profile.js';
import { postJson, register, uniqueName } from '../../../support/clients.js';
import { startTestServer } from '../../../support/server.js';
import { eventually, testPassword as password, useServerAndCores, type TestCore } from '../../../support/cores.js';

async function codeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'no error',
    (error: { code: string }) => error.code,
  );
}

const online = (core: TestCore) => core.waitFor((e) => e.event === 'connection' && e.payload === 'online');
const sessionEnded = (core: TestCore) => core.waitFor((e) => e.event === 'connection' && e.payload === 'unauthorized');

describe('self-service through the core', () => {
  const world = useServerAndCores();

  /** The same user signed in on a second core (a second device). */
  async function secondDevice(name: string): Promise<TestCore> {
    const core = await world.open();
    await core.call('login', { serverUrl: world.server.url, name, password });
    await online(core);
    return core;
  }

  it('tells who is signed in, with the role', async () => {
    const { core, id, name } = await world.signedUp('who');
    const info = await core.call('accountInfo');
    expect(info).toMatchObject({ id, name });
    expect(['admin', 'member']).toContain(info.role);
  });

  it('lists the sessions with the device label sent at registration and login, and ends another one or all others', async () => {
    const { core, name } = await world.signedUp('lister');
    const laptop = await secondDevice(name);
    const phone = await secondDevice(name);
    const sessions = await laptop.call('listSessions');
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s: { current?: boolean }) => s.current)).toHaveLength(1);
    expect(sessions.filter((s: { device: string }) => s.device === deviceLabel())).toHaveLength(3);

    const phoneSession = (await phone.call('listSessions')).find((s: { current?: boolean }) => s.current);
    await core.call('endSession', { id: phoneSession.id });
    await sessionEnded(phone);
    expect(await codeOf(core.call('endSession', { id: phoneSession.id }))).toBe('not_found');

    expect(await core.call('endOtherSessions')).toEqual({ ended: 1 });
    await sessionEnded(laptop);
    // The ended device's own request is refused, and it says so as the socket did.
    expect(await codeOf(laptop.call('accountInfo'))).toBe('unauthorized');
    expect(core.last('connection')).toBe('online');
    expect(await core.call('listSessions')).toHaveLength(1);
  });

  it('changes the password: a wrong current one changes nothing; the right one ends the other devices only', async () => {
    const { core, name } = await world.signedUp('changer');
    const other = await secondDevice(name);
    expect(await codeOf(core.call('changePassword', { current: 'not my password', password: 'whatever new' }))).toBe(
      'forbidden',
    );
    expect(await codeOf(core.call('changePassword', { current: password, password: 'short' }))).toBe('bad_request');
    expect(other.last('connection')).toBe('online');

    await core.call('changePassword', { current: password, password: 'a brand new password' });
    await sessionEnded(other);
    expect(core.last('connection')).toBe('online');
    expect(core.last('account')?.user.name).toBe(name);
    const again = await world.open();
    expect(await codeOf(again.call('login', { serverUrl: world.server.url, name, password }))).toBe('unauthorized');
    await again.call('login', { serverUrl: world.server.url, name, password: 'a brand new password' });
  });

  it('renames: the account, the other device and the peer see the new name; a taken name is a conflict', async () => {
    const alice = await world.signedUp('alice');
    const bob = await world.signedUp('bob');
    await alice.core.call('send', { to: bob.id, content: 'hello from alice' });
    await eventually(() => bob.core.last('chats')?.some((c) => c.who === alice.id), "bob's chat with alice");
    const laptop = await secondDevice(alice.name);

    expect(await codeOf(alice.core.call('rename', { name: bob.name.toUpperCase() }))).toBe('conflict');
    const newName = uniqueName('Alicia');
    expect(await alice.core.call('rename', { name: newName })).toMatchObject({ id: alice.id, name: newName });
    expect(alice.core.last('account')?.user.name).toBe(newName);

    await laptop.waitFor((e) => e.event === 'account' && e.payload?.user.name === newName);
    await bob.core.waitFor((e) => e.event === 'userUpdated' && e.payload.id === alice.id && e.payload.name === newName);
    await eventually(
      () => bob.core.last('chats')?.find((c) => c.who === alice.id)?.name === newName,
      "bob's chat list to show the new name",
    );
    const history = await bob.core.call('loadHistory', { who: alice.id });
    expect(history.messages.map((m: { name: string }) => m.name)).toEqual([newName]);
    // Signing in still uses the registered name.
    await secondDevice(alice.name);
  });

  it('deletes the account: signed out, the cache gone, and the peer sees "Deleted user"', async () => {
    // Bob first: the first user is the server's only admin, who may not delete their account.
    const bob = await world.signedUp('stayer');
    const alice = await world.signedUp('leaver');
    await alice.core.call('send', { to: bob.id, content: 'goodbye' });
    await eventually(() => bob.core.last('chats')?.some((c) => c.who === alice.id), "bob's chat with the leaver");
    const cacheDir = profilePaths(alice.core.profileDir).userDir(world.server.url, alice.id);
    await eventually(() => fs.existsSync(cacheDir), 'the cache folder');

    expect(await codeOf(alice.core.call('deleteAccount', { password: 'not my password' }))).toBe('forbidden');
    expect(alice.core.last('account')).not.toBeNull();

    await alice.core.call('deleteAccount', { password });
    expect(alice.core.last('account')).toBeNull();
    expect(alice.core.last('connection')).toBe('signed-out');
    expect(fs.existsSync(cacheDir)).toBe(false);

    await bob.core.waitFor((e) => e.event === 'userUpdated' && e.payload.id === alice.id && e.payload.deleted === true);
    await eventually(
      () => bob.core.last('chats')?.find((c) => c.who === alice.id)?.name === 'Deleted user',
      "bob's chat list to show Deleted user",
    );
    const contacts = await bob.core.call('listUsers');
    expect(contacts.map((u: { id: number }) => u.id)).not.toContain(alice.id);
    // Remembered across a restart, for the window to say "Deleted user" in its language.
    expect((await bob.core.call('snapshot')).deletedUsers).toEqual([alice.id]);
    const bobAgain = await world.reopen(bob.core);
    expect((await bobAgain.call('snapshot')).deletedUsers).toEqual([alice.id]);
    // The name is free again.
    const newcomer = await world.open();
    await newcomer.call('register', { serverUrl: world.server.url, name: alice.name, password });
  });

  it("keeps the peer's session going when the chat they view is with someone who deleted their account", async () => {
    // Bob first: the first user is the server's only admin, who may not delete their account.
    const bob = await world.signedUp('viewer');
    const alice = await world.signedUp('gone');
    await alice.core.call('send', { to: bob.id, content: 'see you' });
    await eventually(() => bob.core.last('chats')?.some((c) => c.who === alice.id), "bob's chat with alice");
    await bob.core.call('openChat', { who: alice.id });
    await alice.core.call('deleteAccount', { password });
    await bob.core.waitFor((e) => e.event === 'userUpdated' && e.payload.deleted === true);

    // A reconnect opens the viewed chat again: its peer is gone, and catching up still ends online.
    const { port, dataDir } = world.server;
    await world.server.close();
    await bob.core.waitFor((e) => e.event === 'connection' && e.payload === 'offline');
    const onlineBefore = bob.core.events.filter((e) => e.event === 'connection' && e.payload === 'online').length;
    world.server = await startTestServer({ port, dataDir });
    await eventually(
      () => bob.core.events.filter((e) => e.event === 'connection' && e.payload === 'online').length > onlineBefore,
      'bob online again',
    );
    const history = await bob.core.call('loadHistory', { who: alice.id });
    expect(history.messages.map((m: { content: string }) => m.content)).toEqual(['see you']);
  });

  it('ends the session of a user an administrator deactivates, and explains a refused sign-in', async () => {
    // The first account of an empty server is its administrator.
    const admin = await register(world.server.url, uniqueName('admin'), password);
    const member = await world.signedUp('member');
    const answer = await postJson(
      `${world.server.url}/api/admin/users/${member.id}/deactivate`,
      {},
      { authorization: `Bearer ${admin.token}` },
    );
    expect(answer.status).toBe(200);
    await sessionEnded(member.core);
    expect(await codeOf(member.core.call('accountInfo'))).toBe('unauthorized');
    const again = await world.open();
    expect(await codeOf(again.call('login', { serverUrl: world.server.url, name: member.name, password }))).toBe(
      'forbidden',
    );
  });

  it('refuses the account requests when signed out', async () => {
    const core = await world.open();
    expect(await codeOf(core.call('accountInfo'))).toBe('signed_out');
    expect(await codeOf(core.call('endSession', { id: '' }))).toBe('bad_request');
  });
});
