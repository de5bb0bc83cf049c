// The administrator's store methods, checked the same way on SQLite (test/server/store/) and
// PostgreSQL (test/cluster/postgres-store.test.ts). `store` must be empty.
import { expect } from 'vitest';
import type { Store } from '../../server/store/store.js';

export async function checkAccountAdministration(store: Store): Promise<void> {
  const ann = (await store.createUser('Ann', 'ann', 'h1', 10))!;
  const bob = (await store.createUser('Bob', 'bob', 'h2', 20))!;
  const cy = (await store.createUser('Cy', 'cy', 'h3', 30))!;
  expect([ann.role, bob.role, cy.role]).toEqual(['admin', 'member', 'member']);

  // Paged by id; O(count).
  expect(await store.accounts(0, 2)).toEqual([
    { id: ann.id, name: 'Ann', role: 'admin', state: 'active', createdAt: 10, lastSeenAt: null },
    { id: bob.id, name: 'Bob', role: 'member', state: 'active', createdAt: 20, lastSeenAt: null },
  ]);
  expect((await store.accounts(bob.id, 2)).map((user) => user.name)).toEqual(['Cy']);
  expect(await store.findAccount('bob')).toMatchObject({ id: bob.id, name: 'Bob' });
  expect(await store.findAccount('nobody')).toBeNull();
  expect(await store.getAccount(cy.id)).toMatchObject({ name: 'Cy' });
  expect(await store.getAccount(999_999)).toBeNull();
  expect(await store.latestAccountChange()).toBe(0);

  // Deactivation ends every session of the user and logs the change, in one transaction.
  const session = (tokenHash: string, userId: number, now: number) =>
    store.saveSession({ tokenHash, id: `id-${tokenHash}`, userId, device: '', now }, 100);
  await session('bob-1', bob.id, 100);
  await session('bob-2', bob.id, 110);
  await session('cy-1', cy.id, 120);
  expect((await store.listSessions(bob.id, 100)).length).toBe(2);
  // Signing in counts as being seen.
  expect((await store.getAccount(bob.id))?.lastSeenAt).toBe(110);
  const deactivated = await store.setAccountState(bob.id, 'deactivated', 1_000);
  expect(deactivated).toEqual({ kind: 'updated', user: expect.objectContaining({ state: 'deactivated' }) });
  expect(await store.findSession('bob-1', 0)).toBeNull();
  expect(await store.findSession('bob-2', 0)).toBeNull();
  expect((await store.findSession('cy-1', 0))?.userId).toBe(cy.id);
  expect(await store.listSessions(bob.id, 100)).toEqual([]);
  expect((await store.findLogin('bob'))?.state).toBe('deactivated');
  const first = await store.latestAccountChange();
  expect(await store.accountChangesAfter(0, 10)).toEqual([{ id: first, userId: bob.id }]);
  // Deactivated users are still listed for the administrator, and hidden from the directory.
  expect((await store.accounts(0, 10)).map((user) => user.state)).toEqual(['active', 'deactivated', 'active']);
  expect((await store.listUsers(null, 10)).map((user) => [user.name, user.active])).toEqual([
    ['Ann', true],
    ['Bob', false],
    ['Cy', true],
  ]);
  expect(await store.setAccountState(bob.id, 'active', 2_000)).toMatchObject({ kind: 'updated' });
  expect((await store.findLogin('bob'))?.state).toBe('active');

  // A new password hash ends the sessions and logs the change.
  expect(await store.resetPassword(cy.id, 'h3-new', 3_000)).toMatchObject({ kind: 'updated', user: { name: 'Cy' } });
  expect((await store.findLogin('cy'))?.passwordHash).toBe('h3-new');
  expect(await store.findSession('cy-1', 0)).toBeNull();
  const changes = await store.accountChangesAfter(first, 10);
  expect(changes.map((change) => change.userId)).toEqual([bob.id, cy.id]);
  expect(await store.accountChangesAfter(first, 1)).toEqual([changes[0]]);
  expect(await store.latestAccountChange()).toBe(changes[1]!.id);

  // Never no active admin: checked inside the change's transaction.
  expect(await store.setRole(ann.id, 'member')).toEqual({ kind: 'last-admin' });
  expect(await store.setAccountState(ann.id, 'deactivated', 4_000)).toEqual({ kind: 'last-admin' });
  expect(await store.getAccount(ann.id)).toMatchObject({ role: 'admin', state: 'active' });
  expect(await store.latestAccountChange()).toBe(changes[1]!.id);
  expect(await store.setRole(bob.id, 'admin')).toMatchObject({ kind: 'updated', user: { role: 'admin' } });
  // Two admins demoting each other at once: one stays.
  const both = await Promise.all([store.setRole(ann.id, 'member'), store.setRole(bob.id, 'member')]);
  expect(both.map((outcome) => outcome.kind).sort()).toEqual(['last-admin', 'updated']);
  expect((await store.accounts(0, 10)).filter((user) => user.role === 'admin')).toHaveLength(1);
  // A deactivated admin is no active admin.
  const [admin] = (await store.accounts(0, 10)).filter((user) => user.role === 'admin');
  const other = admin!.id === ann.id ? bob.id : ann.id;
  expect(await store.setRole(other, 'admin')).toMatchObject({ kind: 'updated' });
  expect(await store.setAccountState(other, 'deactivated', 5_000)).toMatchObject({ kind: 'updated' });
  expect(await store.setRole(admin!.id, 'member')).toEqual({ kind: 'last-admin' });
  expect(await store.setAccountState(other, 'active', 5_001)).toMatchObject({ kind: 'updated' });

  // Unknown ids change nothing.
  expect(await store.setAccountState(999_999, 'deactivated', 6_000)).toEqual({ kind: 'unknown' });
  expect(await store.setRole(999_999, 'admin')).toEqual({ kind: 'unknown' });
  expect(await store.resetPassword(999_999, 'x', 6_000)).toEqual({ kind: 'unknown' });

  // Usable invites only, newest first, by a public id; revoking makes one unusable.
  await store.createInvite({ codeHash: 'a'.repeat(43), uses: 2, expiresAt: null, createdBy: ann.id, now: 100 });
  await store.createInvite({ codeHash: 'b'.repeat(43), uses: 1, expiresAt: 7_000, createdBy: null, now: 200 });
  await store.createInvite({ codeHash: 'c'.repeat(43), uses: 1, expiresAt: 5_000, createdBy: null, now: 300 });
  expect(await store.listInvites(6_000, 10)).toEqual([
    { id: 'b'.repeat(16), usesLeft: 1, expiresAt: 7_000, createdAt: 200, createdBy: null },
    { id: 'a'.repeat(16), usesLeft: 2, expiresAt: null, createdAt: 100, createdBy: ann.id },
  ]);
  expect(await store.listInvites(6_000, 1)).toHaveLength(1);
  expect(await store.revokeInvite('b'.repeat(16))).toBe(true);
  expect(await store.revokeInvite('b'.repeat(16))).toBe(false);
  await expect(store.createUser('Di', 'di', 'h', 400, { inviteHash: 'b'.repeat(43) })).rejects.toThrow(
    'invite refused',
  );
  expect((await store.listInvites(6_000, 10)).map((invite) => invite.id)).toEqual(['a'.repeat(16)]);

  // Pruning removes old rows only, at most `count` per call.
  const logged = (await store.accountChangesAfter(0, 100)).length;
  expect(logged).toBeGreaterThan(3);
  expect(await store.pruneAccountChanges(2_500, 1)).toBe(1);
  expect(await store.pruneAccountChanges(2_500, 100)).toBe(1);
  expect(await store.pruneAccountChanges(2_500, 100)).toBe(0);
  expect((await store.accountChangesAfter(0, 100)).length).toBe(logged - 2);
}
