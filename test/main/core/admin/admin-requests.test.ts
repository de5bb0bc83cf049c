// The client core's admin requests against a real server: the first account is the admin, its
// role reaches the account event, and each request does what docs/protocol.md says — listing,
// actions (with the sockets of a deactivated user cut off), accounts made with a one-time
// password, invites made and revoked; a member is refused, nobody signed out gets through.
import { describe, expect, it } from 'vitest';
import type { Account, InviteInfo, ManagedUser, ManagedUsersPage } from '../../../../main/ipc/contract.js';
import { uniqueName } from '../../../support/clients.js';
import { testPassword, useServerAndCores, type TestCore } from '../../../support/cores.js';

const week = 7 * 86_400_000;

async function expectFailure(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}

function roleEvent(core: TestCore, role: string) {
  return core.waitFor((e) => e.event === 'account' && (e.payload as Account | null)?.user.role === role);
}

describe('admin requests of the client core', () => {
  const world = useServerAndCores();

  it('gives the first account the admin role and lists every account with its role and state', async () => {
    const admin = await world.signedUp('admin');
    const member = await world.signedUp('member');
    await roleEvent(admin.core, 'admin');
    expect(await admin.core.call('accountInfo')).toMatchObject({ id: admin.id, name: admin.name, role: 'admin' });
    expect(await member.core.call('accountInfo')).toMatchObject({ id: member.id, name: member.name, role: 'member' });
    expect(member.core.last('account')?.user.role).toBe('member');

    const page = await admin.core.call<ManagedUsersPage>('adminUsers');
    const byId = new Map(page.users.map((user) => [user.id, user]));
    expect(byId.get(admin.id)).toMatchObject({ name: admin.name, role: 'admin', state: 'active' });
    expect(byId.get(member.id)).toMatchObject({ name: member.name, role: 'member', state: 'active' });
    expect(page.next).toBeUndefined();

    // The next page starts after the id it is given: here, after the admin, only the member.
    const after = await admin.core.call<ManagedUsersPage>('adminUsers', { after: String(admin.id) });
    expect(after.users.map((user) => user.id)).toEqual([member.id]);
    await expectFailure(admin.core.call('adminUsers', { after: 'not a next' }), 'bad_request');
  });

  it('refuses a member and a signed-out core, changing nothing', async () => {
    const admin = await world.signedUp('admin');
    const member = await world.signedUp('member');
    await expectFailure(member.core.call('adminUsers'), 'forbidden');
    await expectFailure(member.core.call('adminAction', { id: admin.id, action: 'deactivate' }), 'forbidden');
    await expectFailure(member.core.call('adminCreateInvite', { uses: 1 }), 'forbidden');
    await expectFailure(member.core.call('adminInvites'), 'forbidden');
    const signedOut = await world.open();
    await expectFailure(signedOut.call('adminUsers'), 'signed_out');
    const users = (await admin.core.call<ManagedUsersPage>('adminUsers')).users;
    expect(users.find((user) => user.id === admin.id)?.state).toBe('active');
    expect(await admin.core.call('adminInvites')).toEqual([]);
  });

  it('deactivates a member: their connection is refused; reactivating lets them back in', async () => {
    const admin = await world.signedUp('admin');
    const member = await world.signedUp('member');
    const { user } = await admin.core.call<{ user: ManagedUser }>('adminAction', {
      id: member.id,
      action: 'deactivate',
    });
    expect(user).toMatchObject({ id: member.id, state: 'deactivated' });
    await member.core.waitFor((e) => e.event === 'connection' && e.payload === 'unauthorized');

    const back = await admin.core.call<{ user: ManagedUser }>('adminAction', { id: member.id, action: 'reactivate' });
    expect(back.user.state).toBe('active');
    const again = await world.open();
    await again.call('login', { serverUrl: world.server.url, name: member.name, password: testPassword });
    await again.waitFor((e) => e.event === 'connection' && e.payload === 'online');
  });

  it('promotes and demotes; the promoted user sees the role at the next connection; the last admin stays', async () => {
    const admin = await world.signedUp('admin');
    const member = await world.signedUp('member');
    await expectFailure(admin.core.call('adminAction', { id: admin.id, action: 'demote' }), 'conflict');
    await expectFailure(admin.core.call('adminAction', { id: admin.id, action: 'deactivate' }), 'conflict');

    const promoted = await admin.core.call<{ user: ManagedUser }>('adminAction', { id: member.id, action: 'promote' });
    expect(promoted.user.role).toBe('admin');
    const reopened = await world.reopen(member.core);
    await roleEvent(reopened, 'admin');
    expect((await reopened.call<ManagedUsersPage>('adminUsers')).users.length).toBeGreaterThanOrEqual(2);

    const demoted = await admin.core.call<{ user: ManagedUser }>('adminAction', { id: member.id, action: 'demote' });
    expect(demoted.user.role).toBe('member');
    await expectFailure(admin.core.call('adminAction', { id: 999_999, action: 'promote' }), 'not_found');
  });

  it('resets a password: the old session ends and the one-time password signs in', async () => {
    const admin = await world.signedUp('admin');
    const member = await world.signedUp('member');
    const reset = await admin.core.call<{ user: ManagedUser; password: string }>('adminAction', {
      id: member.id,
      action: 'reset-password',
    });
    expect(reset.password.length).toBeGreaterThan(0);
    await member.core.waitFor((e) => e.event === 'connection' && e.payload === 'unauthorized');
    const fresh = await world.open();
    await expectFailure(
      fresh.call('login', { serverUrl: world.server.url, name: member.name, password: testPassword }),
      'unauthorized',
    );
    await fresh.call('login', { serverUrl: world.server.url, name: member.name, password: reset.password });
    await fresh.waitFor((e) => e.event === 'connection' && e.payload === 'online');
  });

  it('creates an account whose one-time password signs in; a taken name is a conflict', async () => {
    const admin = await world.signedUp('admin');
    const name = uniqueName('made');
    const made = await admin.core.call<{ user: ManagedUser; password: string }>('adminCreateUser', { name });
    expect(made.user).toMatchObject({ name, role: 'member', state: 'active', lastSeenAt: null });
    await expectFailure(admin.core.call('adminCreateUser', { name }), 'conflict');
    const core = await world.open();
    const account = await core.call<Account>('login', { serverUrl: world.server.url, name, password: made.password });
    expect(account.user.id).toBe(made.user.id);
  });

  it('makes invites, lists the open ones newest first, and revokes them', async () => {
    const admin = await world.signedUp('admin');
    const first = await admin.core.call<{ code: string; invite: InviteInfo }>('adminCreateInvite', {
      uses: 5,
      expiresInMs: week,
    });
    expect(first.code.length).toBeGreaterThan(0);
    expect(first.invite).toMatchObject({ usesLeft: 5, createdBy: admin.id });
    expect(first.invite.expiresAt! - first.invite.createdAt).toBe(week);
    const second = await admin.core.call<{ code: string; invite: InviteInfo }>('adminCreateInvite');
    expect(second.invite).toMatchObject({ usesLeft: 1, expiresAt: null });
    expect((await admin.core.call<InviteInfo[]>('adminInvites')).map((invite) => invite.id)).toEqual([
      second.invite.id,
      first.invite.id,
    ]);

    await admin.core.call('adminRevokeInvite', { id: first.invite.id });
    expect((await admin.core.call<InviteInfo[]>('adminInvites')).map((invite) => invite.id)).toEqual([
      second.invite.id,
    ]);
    await expectFailure(admin.core.call('adminRevokeInvite', { id: first.invite.id }), 'not_found');
  });
});
