// Browser runtime (Vitest's Chromium). Settings → Account: name and role, a rename, a password
// change checked before it is sent and a wrong current password explained, the sessions with
// "This device" and signing out the others, and deleting the account behind a dialog.
import { cleanup, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../main/ipc/contract.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { AccountSection } from '../../../renderer/settings/account/AccountSection.js';
import * as act from '../../../renderer/store/actions.js';
import { appStore } from '../../../renderer/store/store.js';
import '../../../renderer/styles/theme.css';
import '../../../renderer/styles/base.css';
import '../../../renderer/styles/chat-list.css';
import { about, account } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

let fake: FakeApi;
const sessions = [
  { id: 'this-one', device: 'Messenger on Linux (desk)', createdAt: 1, lastSeenAt: Date.now(), current: true },
  { id: 'other-one', device: 'Messenger on Windows (laptop)', createdAt: 1, lastSeenAt: Date.now() - 60_000 },
];

function show(language: 'en' | 'zh' = 'en', connection: 'online' | 'offline' = 'online') {
  act.snapshotArrived({
    account,
    defaultServerUrl: account.serverUrl,
    connection,
    chats: [],
    unreadTotal: 0,
    settings: { ...defaultSettings, language },
    about,
    outboxRecovery: null,
  });
  render(
    <StrictMode>
      <AccountSection />
    </StrictMode>,
  );
}

beforeEach(() => {
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  fake.answer('accountInfo', () => ({ ...account.user, role: 'admin' }));
  fake.answer('listSessions', () => sessions);
});
afterEach(cleanup);

describe('Settings → Account', () => {
  it('shows the name and the role the server tells, in both languages', async () => {
    show();
    expect(screen.getByTestId('account-name').textContent).toBe('alice');
    expect((await screen.findByTestId('account-role')).textContent).toBe('Administrator');
    cleanup();
    show('zh');
    expect((await screen.findByTestId('account-role')).textContent).toBe('管理员');
    expect(screen.getByRole('heading', { name: '账号' })).toBeTruthy();
  });

  it('renames, and shows the new name as the account name', async () => {
    fake.answer('rename', ({ name }) => ({ id: account.user.id, name, role: 'member' }));
    show();
    const box = screen.getByRole('textbox', { name: 'Display name' });
    await userEvent.clear(box);
    await userEvent.type(box, 'Alice Liddell{Enter}');
    expect(fake.named('rename')).toEqual([{ name: 'Alice Liddell' }]);
    expect((await screen.findByRole('status')).textContent).toContain('Alice Liddell');
    expect(appStore.getState().session.account?.user.name).toBe('Alice Liddell');
    expect(screen.getByTestId('account-name').textContent).toBe('Alice Liddell');
  });

  it('says a taken name is taken', async () => {
    fake.fail('rename', 'conflict');
    show();
    const box = screen.getByRole('textbox', { name: 'Display name' });
    await userEvent.clear(box);
    await userEvent.type(box, 'bob{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That name is taken, or looks too much like one that is.',
    );
  });

  it('checks the new password twice before sending, and explains a wrong current one', async () => {
    fake.fail('changePassword', 'forbidden');
    show();
    await userEvent.type(screen.getByLabelText('Current password'), 'old password');
    await userEvent.type(screen.getByLabelText('New password'), 'new password 1');
    await userEvent.type(screen.getByLabelText('New password again'), 'new password 2');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByRole('alert').textContent).toBe('The two new passwords are not the same.');
    expect(fake.named('changePassword')).toEqual([]);
    await userEvent.clear(screen.getByLabelText('New password again'));
    await userEvent.type(screen.getByLabelText('New password again'), 'new password 1{Enter}');
    expect(fake.named('changePassword')).toEqual([{ current: 'old password', password: 'new password 1' }]);
    expect((await screen.findByRole('alert')).textContent).toBe('That is not your current password.');
  });

  it('lists the sessions with this device marked, and signs out another one', async () => {
    show();
    const list = await screen.findByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.session-device')?.textContent)).toEqual([
      'Messenger on Linux (desk)',
      'Messenger on Windows (laptop)',
    ]);
    expect(within(rows[0]!).getByText('This device')).toBeTruthy();
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /^Sign out \W?Messenger on Windows \(laptop\)\W?$/ }));
    expect(fake.named('endSession')).toEqual([{ id: 'other-one' }]);
    // The button is gone with its session: the keyboard stays in the list.
    await expect.poll(() => document.activeElement?.textContent).toBe('Your sessions');
    fake.answer('endOtherSessions', () => ({ ended: 1 }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out all other sessions' }));
    expect((await screen.findByRole('status')).textContent).toBe('Other sessions signed out: 1.');
  });

  it('deletes the account only after the dialog, and keeps it on a wrong password or as the only admin', async () => {
    fake.fail('deleteAccount', 'forbidden');
    show();
    await userEvent.type(screen.getByLabelText('Password'), 'my password');
    await userEvent.click(screen.getByRole('button', { name: 'Delete account…' }));
    const dialog = screen.getByRole('dialog', { name: /^Delete your account \W?alice\W?\?$/ });
    expect(dialog.textContent).toContain('cannot be undone');
    expect(fake.named('deleteAccount')).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete my account' }));
    expect(fake.named('deleteAccount')).toEqual([{ password: 'my password' }]);
    expect((await within(dialog).findByRole('alert')).textContent).toBe('That is not your current password.');
    expect(appStore.getState().session.account).not.toBeNull();
    fake.fail('deleteAccount', 'conflict');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete my account' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/^You are the only administrator/);
    fake.answer('deleteAccount', () => undefined);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete my account' }));
    await expect.poll(() => appStore.getState().session.account).toBeNull();
  });

  it('says the sessions appear once online, and asks for them then', async () => {
    show('en', 'offline');
    expect(screen.getByText('Your sessions appear when you are online.')).toBeTruthy();
    expect(fake.named('listSessions')).toEqual([]);
    act.connectionChanged('online');
    expect(await screen.findByText('Messenger on Windows (laptop)')).toBeTruthy();
  });
});
