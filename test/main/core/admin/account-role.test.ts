// The signed-in user's role, as the renderer learns it: from the sign-in answer, then from
// GET /api/account at each connection, kept in the profile so the Admin pane shows at once.
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../main/ipc/contract.js';
import { testPassword, useServerAndCores } from '../../../support/cores.js';

describe('the role of the signed-in user', () => {
  const world = useServerAndCores();

  it('is admin for the first account and member for the next, in the account event and accountInfo', async () => {
    const admin = await world.signedUp('admin');
    const member = await world.signedUp('member');
    await admin.core.waitFor((e) => e.event === 'account' && (e.payload as Account).user.role === 'admin');
    await member.core.waitFor((e) => e.event === 'account' && (e.payload as Account).user.role === 'member');
    expect(await admin.core.call('accountInfo')).toMatchObject({ id: admin.id, name: admin.name, role: 'admin' });
    expect(await member.core.call('accountInfo')).toMatchObject({ id: member.id, name: member.name, role: 'member' });
  });

  it('comes with a login and stays in the profile across a restart', async () => {
    const admin = await world.signedUp('admin');
    const other = await world.open();
    const account = await other.call<Account>('login', {
      serverUrl: world.server.url,
      name: admin.name,
      password: testPassword,
    });
    expect(account.user.role).toBe('admin');
    const reopened = await world.reopen(other);
    const snapshot = await reopened.call<{ account: Account }>('snapshot');
    expect(snapshot.account.user.role).toBe('admin');
  });

  it('is refused to a signed-out core', async () => {
    const core = await world.open();
    await expect(core.call('accountInfo')).rejects.toMatchObject({ code: 'signed_out' });
  });
});
