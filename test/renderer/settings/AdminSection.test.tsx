// Browser runtime (Vitest's Chromium). Settings → Admin: shown to administrators only; the
// users page by page, an action behind its confirm dialog, a reset password and an invite code
// shown once, and the server's refusals as sentences, in both languages.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type ManagedUser, type Role } from '../../../main/ipc/contract.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { SettingsPane } from '../../../renderer/settings/SettingsPane.js';
import * as act from '../../../renderer/store/actions.js';
import { about, account } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

let api: FakeApi;
/** The entry of the users list that names `name`. */
async function userEntry(name: string): Promise<HTMLElement> {
  return waitFor(() => {
    const entry = screen.getAllByTestId('admin-user').find((li) => li.querySelector('strong')?.textContent === name);
    if (!entry) throw new Error(`${name} is not listed`);
    return entry;
  });
}
/** A name as sentences carry it: bidi-isolated, so a right-to-left name cannot reorder the text. */
const iso = (name: string) => `\u2068${name}\u2069`;

function signedInAs(role: Role | undefined, language: 'en' | 'zh' = 'en') {
  act.snapshotArrived({
    account: { ...account, user: { ...account.user, ...(role ? { role } : {}) } },
    defaultServerUrl: account.serverUrl,
    connection: 'online',
    chats: [],
    unreadTotal: 0,
    settings: { ...defaultSettings, language },
    about,
    outboxRecovery: null,
  });
}

function managed(id: number, name: string, fields: Partial<ManagedUser> = {}): ManagedUser {
  return { id, name, role: 'member', state: 'active', createdAt: 1_700_000_000_000, lastSeenAt: null, ...fields };
}

beforeEach(() => {
  act.storeReset();
  api = new FakeApi();
  api.answer('adminInvites', () => []);
  connectApi(api.api);
});
afterEach(cleanup);

describe('Settings → Admin', () => {
  it('is not there for a member, nor when the server did not say the role', () => {
    signedInAs('member');
    const { unmount } = render(<SettingsPane />);
    expect(screen.queryByRole('region', { name: 'Admin' })).toBeNull();
    unmount();
    signedInAs(undefined);
    render(<SettingsPane />);
    expect(screen.queryByRole('region', { name: 'Admin' })).toBeNull();
    expect(api.named('adminUsers')).toEqual([]);
  });

  it('lists users page by page and deactivates one after confirming', async () => {
    api.answer('adminUsers', (input) =>
      input?.after === 'p2'
        ? { users: [managed(3, 'carol', { state: 'deactivated' })] }
        : {
            users: [managed(1, 'alice', { role: 'admin', lastSeenAt: 1_700_000_000_000 }), managed(2, 'bob')],
            next: 'p2',
          },
    );
    api.answer('adminAction', ({ id }) => ({ user: managed(id, 'bob', { state: 'deactivated' }) }));
    signedInAs('admin');
    render(<SettingsPane />);
    const users = await screen.findByRole('region', { name: 'Users' });
    const bob = await userEntry('bob');
    expect(bob.textContent).toContain('Member · Active · Last seen: Never');

    fireEvent.click(within(users).getByRole('button', { name: 'Show more' }));
    const carol = await userEntry('carol');
    expect(carol.textContent).toContain('Member · Deactivated');
    expect(within(carol).getByRole('button', { name: 'Reactivate' })).toBeTruthy();
    expect(api.named('adminUsers')).toEqual([undefined, { after: 'p2' }]);
    expect(within(users).queryByRole('button', { name: 'Show more' })).toBeNull();

    const actions = within(bob).getByRole('group', { name: `Actions for ${iso('bob')}` });
    fireEvent.click(within(actions).getByRole('button', { name: 'Deactivate' }));
    const dialog = screen.getByRole('dialog', { name: `Deactivate ${iso('bob')}?` });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.named('adminAction')).toEqual([{ id: 2, action: 'deactivate' }]);
    expect((await userEntry('bob')).textContent).toContain('Member · Deactivated');
  });

  it('cancelling the dialog does nothing; the last admin refusal is explained and changes nothing', async () => {
    api.answer('adminUsers', () => ({ users: [managed(1, 'alice', { role: 'admin' })] }));
    api.fail('adminAction', 'conflict');
    signedInAs('admin');
    render(<SettingsPane />);
    const alice = await userEntry('alice');
    fireEvent.click(within(alice).getByRole('button', { name: 'Remove admin' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.named('adminAction')).toEqual([]);

    fireEvent.click(within(alice).getByRole('button', { name: 'Remove admin' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove admin' }));
    const alert = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(alert.textContent).toMatch(/without an active administrator/);
    expect(alice.textContent).toContain('Administrator · Active');
  });

  it('shows a reset password once, with Copy', async () => {
    api.answer('adminUsers', () => ({ users: [managed(2, 'bob')] }));
    api.answer('adminAction', ({ id }) => ({ user: managed(id, 'bob'), password: 'tmp-Secret-123' }));
    signedInAs('admin');
    render(<SettingsPane />);
    const bob = await userEntry('bob');
    fireEvent.click(within(bob).getByRole('button', { name: 'Reset password' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Reset password' }));
    const shown = await screen.findByRole('group', { name: `New password for ${iso('bob')}` });
    expect(within(shown).getByTestId('one-time-secret').textContent).toBe('tmp-Secret-123');
    expect(within(shown).getByRole('button', { name: 'Copy' })).toBeTruthy();
    fireEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('tmp-Secret-123')).toBeNull();
  });

  it('makes an invite with the chosen uses and expiry, shows its code once, and revokes one', async () => {
    api.answer('adminUsers', () => ({ users: [] }));
    const old = { id: 'inv-old', usesLeft: 2, expiresAt: null, createdAt: 1_700_000_000_000, createdBy: 1 };
    api.answer('adminInvites', () => [old]);
    api.answer('adminCreateInvite', (input) => ({
      code: 'CODE-1234',
      invite: {
        id: 'inv-new',
        usesLeft: input?.uses ?? 1,
        expiresAt: 1_800_000_000_000,
        createdAt: 1_700_000_100_000,
        createdBy: 1,
      },
    }));
    signedInAs('admin');
    render(<SettingsPane />);
    const invites = await screen.findByRole('region', { name: 'Invites' });
    await within(invites).findByText(/2 left · never expires/);
    const uses = within(invites).getByRole('spinbutton', { name: 'Accounts it can create' });
    fireEvent.change(uses, { target: { value: '' } });
    fireEvent.change(uses, { target: { value: '5' } });
    fireEvent.change(within(invites).getByRole('combobox', { name: 'Expires' }), { target: { value: '30d' } });
    fireEvent.click(within(invites).getByRole('button', { name: 'Invite' }));
    const code = await within(invites).findByRole('group', { name: 'Invite code' });
    expect(within(code).getByTestId('one-time-secret').textContent).toBe('CODE-1234');
    expect(api.named('adminCreateInvite')).toEqual([{ uses: 5, expiresInMs: 30 * 24 * 60 * 60 * 1000 }]);
    expect(within(invites).getAllByTestId('admin-invite')).toHaveLength(2);

    fireEvent.change(uses, { target: { value: '' } });
    expect(within(invites).getByRole('button', { name: 'Invite' })).toHaveProperty('disabled', true);

    fireEvent.click(within(invites).getAllByRole('button', { name: /^Revoke the invite made/ })[1]!);
    fireEvent.click(
      within(screen.getByRole('dialog', { name: 'Revoke this invite?' })).getByRole('button', { name: 'Revoke' }),
    );
    await waitFor(() => expect(within(invites).getAllByTestId('admin-invite')).toHaveLength(1));
    expect(api.named('adminRevokeInvite')).toEqual([{ id: 'inv-old' }]);
  });

  it('creates an account and shows its one-time password; a taken name is explained, in Chinese too', async () => {
    api.answer('adminUsers', () => ({ users: [] }));
    api.answer('adminCreateUser', ({ name }) => ({ user: managed(7, name), password: 'first-Pass-99' }));
    signedInAs('admin');
    const { unmount } = render(<SettingsPane />);
    const create = await screen.findByRole('region', { name: 'Create account' });
    fireEvent.change(within(create).getByRole('textbox', { name: 'Name of the new account' }), {
      target: { value: 'dave' },
    });
    fireEvent.click(within(create).getByRole('button', { name: 'Create' }));
    const shown = await within(create).findByRole('group', { name: `Password for ${iso('dave')}` });
    expect(within(shown).getByTestId('one-time-secret').textContent).toBe('first-Pass-99');
    expect(api.named('adminCreateUser')).toEqual([{ name: 'dave' }]);
    unmount();

    api.fail('adminCreateUser', 'conflict');
    signedInAs('admin', 'zh');
    render(<SettingsPane />);
    const zh = await screen.findByRole('region', { name: '创建账号' });
    fireEvent.change(within(zh).getByRole('textbox', { name: '新账号的用户名' }), { target: { value: 'dave' } });
    fireEvent.click(within(zh).getByRole('button', { name: '创建' }));
    expect((await within(zh).findByRole('alert')).textContent).toMatch(/已被占用/);
    expect(screen.getByRole('region', { name: '管理' })).toBeTruthy();
  });
});
